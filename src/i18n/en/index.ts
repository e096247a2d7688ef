import type { Catalogue } from '../vi';
import { campaigns } from './campaigns';
import { core } from './core';
import { entries } from './entries';
import { evidence } from './evidence';
import { gallery } from './gallery';
import { mail } from './mail';
import { input } from './input';
import { nominationPages } from './nominationPages';
import { nominations } from './nominations';
import { results } from './results';
import { posting } from './posting';
import { publicPages } from './publicPages';
import { scoring } from './scoring';
import { security } from './security';
import { workQueues } from './workQueues';

export const en: Catalogue = { ...core, campaigns, entries, evidence, scoring, results, gallery, publicPages, posting, nominations, nominationPages, workQueues, security, mail, input };
