// Prettier for the whole workspace (`npm run format` writes, `npm run lint` checks). Chosen to match the code as
// it was written, so that the one reformat commit changes as little as possible: the server, shared and scripts
// use semicolons, single quotes and long lines; the mini-program has no semicolons and no trailing commas.
// printWidth was measured: formatting a copy of the tree at 100…250 columns, 200 (150 in the mini-program) changed
// the fewest files and lines; narrower widths wrap the long SQL, decorator and message lines the code has on purpose.
/** @type {import('prettier').Config} */
export default {
  printWidth: 200,
  singleQuote: true,
  semi: true,
  trailingComma: 'all',
  arrowParens: 'always',
  overrides: [
    {
      files: 'miniapp/**',
      options: { printWidth: 150, semi: false, trailingComma: 'none', jsxSingleQuote: true },
    },
  ],
};
