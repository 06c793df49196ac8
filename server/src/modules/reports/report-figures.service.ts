import { Injectable } from '@nestjs/common';
import { LEDGER_KIND_LABELS, PLEDGE_STATE_LABELS, type LedgerKind, type ReportFigures } from '@nuancheng/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { LedgerService, type Period } from '../ledger/ledger.service';
import { RegionsService } from '../regions/regions.service';

/** The kinds a member's report lists, zeros included (project_update is a unit's credit today: 0 for most members). */
export const MEMBER_KINDS: ReadonlyArray<Exclude<LedgerKind, 'correction'>> = ['activity_attendance', 'service_post_shift', 'wish_fulfilled', 'project_update', 'pledge_done'];

/**
 * A report's figures from the member's ledger for a half year: two grouped ledger statements (totals per kind,
 * minutes per place) and one for the places' names — the draft's prefill and the snapshot taken at submission.
 */
@Injectable()
export class ReportFiguresService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly regions: RegionsService,
    private readonly clock: Clock,
  ) {}

  async figuresOf(manager: EntityManager, memberId: string, period: Period): Promise<ReportFigures> {
    const { byKind, places } = await this.ledger.memberFigures(manager, memberId, period.from, period.to);
    const served = places.filter((p) => p.communityId && p.entries > 0);
    const names = await this.regions.nodesOf(
      served.flatMap((p) => [p.communityId!, p.streetId].filter((id): id is string => !!id)),
      manager,
    );
    const kind = (k: LedgerKind) => byKind.find((t) => t.kind === k) ?? { kind: k, minutes: 0, valueYuan: 0, entries: 0 };
    const communities = new Map<string, ReportFigures['communities'][number]>();
    for (const p of served) {
      const current = communities.get(p.communityId!);
      const street = p.streetId && names.has(p.streetId) ? { id: p.streetId, name: names.get(p.streetId)!.name } : null;
      if (current) {
        current.minutes += p.minutes;
        current.entries += p.entries;
      } else communities.set(p.communityId!, { id: p.communityId!, name: names.get(p.communityId!)?.name ?? '社区', street, minutes: p.minutes, entries: p.entries });
    }
    const pledgeDone = kind('pledge_done').entries > 0;
    return {
      period: { key: period.key, label: period.label, from: period.from.toISOString(), to: period.to.toISOString() },
      totalMinutes: byKind.reduce((n, t) => n + t.minutes, 0),
      totalValueYuan: byKind.reduce((n, t) => n + t.valueYuan, 0),
      byKind: MEMBER_KINDS.map((k) => {
        const t = kind(k);
        return { kind: k, label: LEDGER_KIND_LABELS[k], minutes: t.minutes, valueYuan: t.valueYuan, entries: t.entries };
      }),
      activitiesAttended: kind('activity_attendance').entries,
      wishesFulfilled: kind('wish_fulfilled').entries,
      projects: kind('project_update').entries,
      postShifts: kind('service_post_shift').entries,
      // 一党员一践诺: the pledges service (issue 9) will fill this slot; until then the ledger can only say "done".
      pledge: pledgeDone ? { state: 'done', label: PLEDGE_STATE_LABELS.done, title: null } : { state: 'not_filed', label: PLEDGE_STATE_LABELS.not_filed, title: null },
      communities: [...communities.values()].sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name)),
      takenAt: this.clock.now().toISOString(),
    };
  }
}
