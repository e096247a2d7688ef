import type { Catalogue } from '../vi';
import { campaigns } from './campaigns';
import { core } from './core';
import { entries } from './entries';
import { evidence } from './evidence';
import { results } from './results';
import { scoring } from './scoring';

export const en: Catalogue = { ...core, campaigns, entries, evidence, scoring, results };
