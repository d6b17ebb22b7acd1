// Stylesheets are Vite's business; under jest an import of one is a no-op.
module.exports = {};
