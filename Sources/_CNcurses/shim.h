#ifndef GRADSCHOOL_CNCURSES_SHIM_H
#define GRADSCHOOL_CNCURSES_SHIM_H
// The wide-character API needs these before the header; SwiftPM drops them from ncursesw.pc.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>

// `stdscr` is a global variable, which Swift 6 rejects as not concurrency-safe.
static inline WINDOW *gs_stdscr(void) { return stdscr; }
static inline int gs_lines(void) { return LINES; }
static inline int gs_cols(void) { return COLS; }
#endif
