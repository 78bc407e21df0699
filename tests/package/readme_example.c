#include <math.h>
#include <stdatomic.h>
#include <SDL.h>
#include <ringplot.h>

typedef struct {
    rp_series *series;
    atomic_bool stop;
} source;

static int produce(void *arg) /* the producer thread: 10 kHz, pushed in chunks of 100 */
{
    source *src = arg;
    float chunk[100];
    for (int64_t i = 0; !atomic_load(&src->stop); i += 100, SDL_Delay(10)) {
        for (int k = 0; k < 100; k++) /* a 3 Hz wave plus a fast ripple */
            chunk[k] = sinf(0.0019f * (float)(i + k)) + 0.2f * sinf(0.37f * (float)(i + k));
        rp_push(src->series, chunk, 100); /* copied; lock-free, never blocks */
    }
    return 0;
}

static void on_log(void *user, rp_log_level level, rp_log_item item, const char *message)
{
    (void)user; /* every failure comes here, numbered and explained (info items too) */
    if (level != RP_LOG_INFO)
        SDL_Log("ringplot %s %s: %s", rp_log_level_name(level), rp_log_item_name(item), message);
}

int main(int argc, char **argv)
{
    int frames = argc > 1 ? SDL_atoi(argv[1]) : -1, panel; /* -1: until the window is closed */
    source src = {.stop = false};
    rp_figure *fig;
    rp_window *win;
    rp_log_desc log = {.func = on_log};
    if (rp_series_create(&(rp_series_desc){.name = "signal", .rate = 10000, .log = log},
                         &src.series) ||
        rp_figure_create(&(rp_figure_desc){.title = "live", .x_axis = RP_X_AXIS_TIME, .log = log},
                         &fig) ||
        rp_figure_add_panel(fig, NULL, &panel) || rp_figure_follow(fig, 2.0) ||
        rp_figure_add_series(fig, panel, src.series, NULL) ||
        rp_window_create(&(rp_window_desc){.log = log}, &win))
        return 1; /* on_log has said why */
    SDL_Thread *producer = SDL_CreateThread(produce, "producer", &src);
    for (SDL_Event e; frames != 0; frames -= frames > 0) {
        while (SDL_PollEvent(&e)) frames = e.type == SDL_QUIT ? 0 : frames;
        rp_window_present(win, fig); /* clear, draw, swap (vsync) */
    }
    atomic_store(&src.stop, true);
    SDL_WaitThread(producer, NULL); /* producer first */
    rp_window_destroy(win);
    rp_figure_destroy(fig);
    rp_series_destroy(src.series);
    return 0;
}
