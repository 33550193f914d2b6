// @ts-check
// Whether a project script should show details it keeps back by default (a raw stack, an
// installer's output): `--verbose` on its command line, or DEBUG set.

/**
 * @param {readonly string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
export function wantsDetails(args, env) {
  return args.includes('--verbose') || (env.DEBUG !== undefined && env.DEBUG !== '');
}
