import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { UploadsModule } from '../uploads/uploads.module';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

@Module({
  imports: [UploadsModule, LedgerModule],
  controllers: [ProjectsController],
  providers: [ProjectsService],
})
export class ProjectsModule {}
