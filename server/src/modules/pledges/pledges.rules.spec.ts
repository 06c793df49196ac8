import { cstToday, cstYear, cstYearBounds, dueDateProblem, isOverdue, publicNameOf } from './pledges.rules';

describe('pledge rules', () => {
  it('should take the date and year in Beijing', () => {
    expect(cstToday(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(cstToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(cstYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(cstYearBounds(2027)).toEqual({ from: new Date('2026-12-31T16:00:00Z'), to: new Date('2027-12-31T16:00:00Z') });
  });

  it('should call a pledge overdue only past its due date and before it is done', () => {
    expect(isOverdue({ status: 'approved', dueDate: '2026-06-30' }, '2026-07-01')).toBe(true);
    expect(isOverdue({ status: 'returned', dueDate: '2026-06-30' }, '2026-07-01')).toBe(true);
    expect(isOverdue({ status: 'approved', dueDate: '2026-06-30' }, '2026-06-30')).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2026-06-30' }, '2026-07-01')).toBe(false);
    expect(isOverdue({ status: 'assessed', dueDate: '2026-06-30' }, '2026-07-01')).toBe(false);
  });

  it('should show the name as the member chose', () => {
    expect(publicNameOf('王建国', 'masked')).toBe('王**');
    expect(publicNameOf('王建国', 'full')).toBe('王建国');
  });

  it('should accept due dates this year or next, not in the past, and keep a revision in its year', () => {
    expect(dueDateProblem('2026-12-31', '2026-05-01')).toBeNull();
    expect(dueDateProblem('2027-06-30', '2026-12-20')).toBeNull();
    expect(dueDateProblem('2026-04-30', '2026-05-01')).toBe('截止日期不能早于今天');
    expect(dueDateProblem('2028-01-31', '2026-05-01')).toBe('只能作 2026 年或 2027 年的承诺');
    expect(dueDateProblem('2025-12-31', '2026-05-01')).toBe('只能作 2026 年或 2027 年的承诺');
    expect(dueDateProblem('2027-01-31', '2026-05-01', { year: 2026 })).toBe('截止日期须在 2026 年内（每年一项承诺）');
    // A returned pledge already past due may be revised without moving its date.
    expect(dueDateProblem('2026-04-30', '2026-05-01', { year: 2026, previous: '2026-04-30' })).toBeNull();
  });
});
