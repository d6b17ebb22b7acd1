'use strict';
// HEALTHCHECK of the server image (docker/server.Dockerfile). The slim base image
// has no curl or wget, so Node itself asks the server. Exit 0 only on a 200 from
// /api/v1/health; on failure the body (which part is down) goes to stderr, where
// `docker inspect` shows it.
const http = require('node:http');

const port = Number(process.env.PORT) || 3000;

const request = http.get(
  { host: '127.0.0.1', port, path: '/api/v1/health', timeout: 4000 },
  (response) => {
    let body = '';
    response.setEncoding('utf8');
    response.on('data', (chunk) => {
      body += chunk;
    });
    response.on('end', () => {
      if (response.statusCode === 200) {
        process.exit(0);
      }
      console.error(`health ${response.statusCode}: ${body.slice(0, 500)}`);
      process.exit(1);
    });
  },
);

request.on('timeout', () => request.destroy(new Error('no answer within 4 s')));
request.on('error', (error) => {
  console.error(`health check failed: ${error.message}`);
  process.exit(1);
});
