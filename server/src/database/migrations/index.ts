import { Foundation1764200000000 } from './1764200000000-Foundation';
import { Uploads1764250000000 } from './1764250000000-Uploads';
import { Wishes1764300000000 } from './1764300000000-Wishes';
import { Kernel1764400000000 } from './1764400000000-Kernel';
import { RateLimits1764410000000 } from './1764410000000-RateLimits';
import { Sessions1764420000000 } from './1764420000000-Sessions';
import { WishListIndexes1764460000000 } from './1764460000000-WishListIndexes';
import { Agreements1764500000000 } from './1764500000000-Agreements';
import { Registrations1764510000000 } from './1764510000000-Registrations';
import { ServicePosts1764515000000 } from './1764515000000-ServicePosts';
import { Activities1764520000000 } from './1764520000000-Activities';
import { Pledges1764530000000 } from './1764530000000-Pledges';
import { Reports1764600000000 } from './1764600000000-Reports';
import { AuditChain1764720000000 } from './1764720000000-AuditChain';
import { ActivityOrganisers1764730000000 } from './1764730000000-ActivityOrganisers';
import { CommunityPhone1764740000000 } from './1764740000000-CommunityPhone';
import { OrgReports1764762000000 } from './1764762000000-OrgReports';
import { WishDeliveryContact1764770000000 } from './1764770000000-WishDeliveryContact';
import { Consents1764774000000 } from './1764774000000-Consents';
import { AuditPendingChain1764781000000 } from './1764781000000-AuditPendingChain';
import { DashboardIndexes1764782000000 } from './1764782000000-DashboardIndexes';
import { SupervisionCounts1764783500000 } from './1764783500000-SupervisionCounts';
import { WishTimesIndexes1764783600000 } from './1764783600000-WishTimesIndexes';
import { BoardShiftsIndex1764783700000 } from './1764783700000-BoardShiftsIndex';
import { LedgerTotals1764790000000 } from './1764790000000-LedgerTotals';
import { WishRollups1764800000000 } from './1764800000000-WishRollups';
import { LedgerUnitRegions1764810000000 } from './1764810000000-LedgerUnitRegions';
import { WishDurations1764820000000 } from './1764820000000-WishDurations';
import { AgreementDeliveries1764830000000 } from './1764830000000-AgreementDeliveries';

/** Every migration, oldest first. Never edit one that has shipped; add a new one. */
export const MIGRATIONS = [
  Foundation1764200000000,
  Uploads1764250000000,
  Wishes1764300000000,
  Kernel1764400000000,
  RateLimits1764410000000,
  Sessions1764420000000,
  WishListIndexes1764460000000,
  Agreements1764500000000,
  Registrations1764510000000,
  ServicePosts1764515000000,
  Activities1764520000000,
  Pledges1764530000000,
  Reports1764600000000,
  AuditChain1764720000000,
  ActivityOrganisers1764730000000,
  CommunityPhone1764740000000,
  OrgReports1764762000000,
  WishDeliveryContact1764770000000,
  Consents1764774000000,
  AuditPendingChain1764781000000,
  DashboardIndexes1764782000000,
  SupervisionCounts1764783500000,
  WishTimesIndexes1764783600000,
  BoardShiftsIndex1764783700000,
  LedgerTotals1764790000000,
  WishRollups1764800000000,
  LedgerUnitRegions1764810000000,
  WishDurations1764820000000,
  AgreementDeliveries1764830000000,
];
