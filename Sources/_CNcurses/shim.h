#ifndef GRADSCHOOL_CNCURSES_SHIM_H
#define GRADSCHOOL_CNCURSES_SHIM_H
// The wide-character API needs these before the header; SwiftPM drops them from ncursesw.pc.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// `stdscr`, `curscr`, `LINES`, `COLS` and `COLORS` are global variables, which Swift 6 rejects as not
// concurrency-safe, and the attribute and mouse constants are macros Swift cannot import.
static inline WINDOW *gs_stdscr(void) { return stdscr; }
static inline int gs_lines(void) { return LINES; }
static inline int gs_cols(void) { return COLS; }
static inline int gs_colors(void) { return COLORS; }

/// Starts curses on the process's own terminal without exiting on failure as `initscr` would;
/// NULL when the terminal type is unknown.
static inline SCREEN *gs_newterm(void) { return newterm(NULL, stdout, stdin); }

/// The function key code for F`number`.
static inline int gs_key_f(int number) { return KEY_F(number); }

static inline attr_t gs_attr_bold(void) { return A_BOLD; }
static inline attr_t gs_attr_dim(void) { return A_DIM; }
static inline attr_t gs_attr_italic(void) { return A_ITALIC; }
static inline attr_t gs_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t gs_attr_reverse(void) { return A_REVERSE; }

static inline mmask_t gs_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t gs_mouse_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t gs_mouse_wheel_down(void) { return BUTTON5_PRESSED; }
static inline mmask_t gs_mouse_left_press(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }

/// Reads the pending mouse event; returns false when there is none.
static inline bool gs_read_mouse(int *x, int *y, mmask_t *button_state) {
    MEVENT event;
    if (getmouse(&event) != OK) return false;
    *x = event.x;
    *y = event.y;
    *button_state = event.bstate;
    return true;
}

/// Sets the locale from the environment; when the environment names none at all, falls back to
/// C.UTF-8 so Unicode text still draws. Returns whether the resulting character set is UTF-8.
static inline bool gs_setup_locale(bool environment_names_locale) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    bool utf8 = codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
    if (!utf8 && !environment_names_locale) {
        if (setlocale(LC_ALL, "C.UTF-8") != NULL) utf8 = true;
    }
    return utf8;
}

/// Whether the terminal can move its cursor to any cell; `TERM=dumb` cannot, and drawing there
/// would print garbage.
static inline bool gs_can_address_cursor(void) {
    char *move = tigetstr("cup");
    return move != NULL && move != (char *)-1;
}

/// Draws one cell: up to `CCHARW_MAX` code points (a base character and its combining marks)
/// with attributes and an extended colour pair.
static inline int gs_put_cell(int row, int column, const wchar_t *text, int count, attr_t attributes, int pair) {
    wchar_t characters[CCHARW_MAX + 1];
    int used = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int index = 0; index < used; index++) characters[index] = text[index];
    characters[used] = L'\0';
    cchar_t cell;
    if (setcchar(&cell, characters, attributes, 0, &pair) != OK) return ERR;
    return mvwadd_wch(stdscr, row, column, &cell);
}

/// Makes the next refresh repaint the whole screen, e.g. after resuming from Ctrl-Z.
static inline void gs_force_full_repaint(void) { clearok(curscr, TRUE); }

/// Suspends the process as Ctrl-Z does in a shell (raw mode delivers Ctrl-Z as a key, not a signal):
/// leaves curses mode, stops, and on `fg` re-enters curses mode with a full repaint.
static inline void gs_suspend(void) {
    endwin();
    struct sigaction stop, previous;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = SIG_DFL;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTSTP, &stop, &previous);
    // The calling thread may be a worker that blocks signals; unblock SIGTSTP here so `raise`
    // stops the process before it returns, rather than leaving the signal pending.
    sigset_t stopOnly, saved;
    sigemptyset(&stopOnly);
    sigaddset(&stopOnly, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &stopOnly, &saved);
    raise(SIGTSTP);
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    sigaction(SIGTSTP, &previous, NULL);
    clearok(curscr, TRUE);
    refresh();
}
#endif
