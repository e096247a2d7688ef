import { minutesDocument } from './minutes';
import { proposalDocument } from './proposal';

export { minutesDocument, proposalDocument };
