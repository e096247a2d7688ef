import type { Catalogue } from '../vi';
import { campaigns } from './campaigns';
import { core } from './core';
import { entries } from './entries';
import { evidence } from './evidence';

export const en: Catalogue = { ...core, campaigns, entries, evidence };
