import type { StackAbout } from '../../core/stack.js';

export const about: StackAbout = {
  id: 'emission',
  title: 'e-mission (OpenPATH)',
  tagline: 'phone-based mobility studies: the e-mission server, MongoDB, nginx with TLS, scheduled pipeline',
  summary:
    'The e-mission server (e-mission/e-mission-server): the phones\' API behind an nginx TLS proxy, MongoDB, the intake pipeline and silent pushes on timers, '
    + 'and the phone-side connection files. Runs from the published Docker image (run fieldstation in an empty folder) or natively from a checkout (run it in the checkout).',
  examples: ['examples/emission.yaml', 'examples/emission-native.yaml'],
};
