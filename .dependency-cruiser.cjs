// The dependency rules of the tree (README "Architecture"), checked by dependency-cruiser on every
// `npm test` through `npm run deps` (scripts/check-deps.ts, which also runs the module-cycle check of
// .dependency-cruiser.modules.cjs and the table-writer rules dependency-cruiser cannot see).
// By hand: npx depcruise --config .dependency-cruiser.cjs src web/src
//
// Test files are not cruised: a test may reach into anything it tests.

/** A module's repository files: repository.ts or <name>-repository.ts. */
const repository = ['^src/modules/.+/repository\\.ts$', '^src/modules/.+-repository\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-imports',
      comment: 'Engines are pure: they import only engines and the Node standard library (no module, database, server or package).',
      severity: 'error',
      from: { path: '^src/engines/' },
      to: { pathNot: '^src/engines/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'module-public-surface',
      comment: "A module reaches another only through its service.ts (use cases) or its index.ts (what else it offers).",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(?:service|index)\\.ts$', ...repository] },
    },
    {
      name: 'foreign-repository',
      comment: "No module imports another module's repository: it calls that module's service.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: repository, pathNot: '^src/modules/$1/' },
    },
    {
      name: 'repository-from-outside',
      comment: 'Nothing outside the modules (server, jobs, CLI, demo) imports a repository: it calls services.',
      severity: 'error',
      from: { pathNot: '^src/modules/[^/]+/' },
      to: { path: repository },
    },
    {
      name: 'routes-no-sql',
      comment: 'Routes validate, call a service and present: they import neither kysely, nor src/db, nor a repository.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/routes\\.ts$' },
      to: { path: ['(?:^|/)node_modules/kysely/', '^src/db/', ...repository] },
    },
    {
      name: 'web-imports-src',
      comment: 'The web app talks to the HTTP API only; it never imports the server code.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/' },
    },
    {
      name: 'shared-imports-module',
      comment: 'src/shared, src/db and src/policy are below the modules: they never import them, nor the server, jobs, CLI or demo.',
      severity: 'error',
      from: { path: '^src/(?:shared|db|policy)/' },
      to: { path: ['^src/(?:modules|server|jobs|cli|demo)/', '^src/bootstrap\\.ts$'] },
    },
    {
      name: 'unresolved-import',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    exclude: { path: ['\\.test\\.tsx?$', '\\.d\\.ts$'] },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
