import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegionsModule } from '../regions/regions.module';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './access.types';

/** The global guard (every route declares its rule) and session tokens. */
@Global()
@Module({
  imports: [
    UsersModule,
    RegionsModule,
    OrganisationsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not a string: jsonwebtoken otherwise first tries to parse the secret as a public key, which
      // throws and is caught on every verify (~0.8 ms of CPU per signed-in request, docs/benchmarks.md). Given as
      // privateKey/publicKey: @nestjs/jwt logs a deprecation warning on every sign and verify for secretOrPrivateKey.
      useFactory: (config: AppConfig) => {
        const key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
        return {
          privateKey: key,
          publicKey: key,
          signOptions: { expiresIn: config.accessTokenTtlS, algorithm: 'HS256' as const, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
          verifyOptions: { algorithms: ['HS256' as const], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
  exports: [JwtModule],
})
export class AccessModule {}
