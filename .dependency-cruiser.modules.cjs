// No cycle between modules: the graph of src/modules/<m> folders, type-only imports included.
// A cruise of its own, restricted to src/modules: routes import the server's auth plugin and the
// server imports every module's routes, which is how the app is assembled, not a module cycle.
// By hand: npx depcruise --config .dependency-cruiser.modules.cjs src/modules

const { options } = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-cycle',
      comment: 'Modules form no cycle: move what two modules share to src/shared, or invert the dependency.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/modules/[^/]+$' },
      to: { path: '^src/modules/[^/]+$', circular: true },
    },
  ],
  options: { ...options, includeOnly: '^src/modules/' },
};
