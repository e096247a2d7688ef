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
import { workQueues } from './workQueues';
import { security } from './security';

/**
 * Vietnamese, the default language. One file per part of the site; en/ mirrors it and its type
 * makes a missing English message a type error.
 */
export const vi = { ...core, campaigns, entries, evidence, scoring, results, gallery, publicPages, posting, nominations, nominationPages, workQueues, security, mail, input };

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalogue = Widen<typeof vi>;
