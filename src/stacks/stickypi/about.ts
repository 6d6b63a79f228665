import type { StackAbout } from '../../core/stack.js';

export const about: StackAbout = {
  id: 'stickypi',
  title: 'Sticky Pi',
  tagline: 'insect-trap images: API, web app, MariaDB and nginx, images on S3',
  summary: 'The Sticky Pi server (sticky-pi/sticky-pi-api, server/ on the develop branch): API, web app, MariaDB and nginx with Let\'s Encrypt, images on S3. Run fieldstation in that server/ folder.',
  examples: ['examples/stickypi.yaml', 'examples/stickypi-local-s3.yaml'],
};
