import { probeServices } from './services';

export default probeServices;
