import type { Catalogue } from '../vi';

export const entries: Catalogue['entries'] = {
};
