import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AccessGuard } from './access.guard';
import { AccessService } from './access.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not a string: jsonwebtoken otherwise first tries to parse the secret as a public key, which
      // throws and is caught on every verify (~0.8 ms of CPU per signed-in request, docs/benchmarks.md).
      useFactory: (config: AppConfig) => ({
        secretOrPrivateKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        publicKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { expiresIn: config.jwtTtlS, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [AccessService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AccessService, JwtModule],
})
export class AccessModule {}
