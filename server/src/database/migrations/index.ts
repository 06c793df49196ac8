import { Foundation1764200000000 } from './1764200000000-Foundation';

/** Every migration, oldest first. Never edit one that has shipped; add a new one. */
export const MIGRATIONS = [Foundation1764200000000];
