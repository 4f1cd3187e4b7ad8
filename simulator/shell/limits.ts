/** The longest command line the shell takes (and a run record stores): far above any real one. */
export const SHELL_LINE_MAX = 2000;
