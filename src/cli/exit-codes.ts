/** Exit codes scripts can trust, the same for every command. */
export const EXIT_OK = 0;
/** The command ran and something operational failed: the store, the disk, a rejected record. */
export const EXIT_FAILURE = 1;
/** The command line was wrong: a missing argument, a malformed option, an unreadable FILE. */
export const EXIT_USAGE = 2;
