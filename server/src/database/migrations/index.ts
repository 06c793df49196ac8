import { Foundation1764200000000 } from './1764200000000-Foundation';
import { Uploads1764250000000 } from './1764250000000-Uploads';
import { Wishes1764300000000 } from './1764300000000-Wishes';
import { Kernel1764400000000 } from './1764400000000-Kernel';
import { WishListIndexes1764460000000 } from './1764460000000-WishListIndexes';

/** Every migration, oldest first. Never edit one that has shipped; add a new one. */
export const MIGRATIONS = [Foundation1764200000000, Uploads1764250000000, Wishes1764300000000, Kernel1764400000000, WishListIndexes1764460000000];
