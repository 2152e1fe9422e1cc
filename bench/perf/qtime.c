/* qtime: runs one process per query and times each, from fork to the child's exit after its
 * whole output was read (what a script calling the command waits for).
 *
 *   qtime RUNS FILE    FILE: one command a line, arguments separated by TABs
 *
 * Runs every command once as a warm-up, then RUNS passes over the file. Prints one line per
 * timed run on stdout: "PASS INDEX MILLISECONDS EXIT_STATUS OUTPUT_BYTES CPU_MILLISECONDS" (PASS
 * 1..RUNS, INDEX from 0; CPU: the child's user + system time, which other load on a shared
 * machine disturbs less than the elapsed time); the child's stderr goes to /dev/null. Built by bench/perf/run, not by meson. */
#define _DEFAULT_SOURCE /* wait4 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_CMDS = 10000, MAX_ARGS = 64 };

static char **parse(char *line) {
  char **argv = calloc(MAX_ARGS + 1, sizeof *argv);
  int n = 0;
  line[strcspn(line, "\n")] = '\0';
  for (char *tok = strtok(line, "\t"); tok && n < MAX_ARGS; tok = strtok(NULL, "\t"))
    argv[n++] = tok;
  return argv;
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Runs argv with stdout into a pipe; returns the exit status (or 128+signal), sets *bytes
 * and *cpu_ms. */
static int run(char **argv, long *bytes, double *cpu_ms) {
  int fd[2];
  if (pipe(fd) != 0) { perror("pipe"); exit(1); }
  pid_t pid = fork();
  if (pid < 0) { perror("fork"); exit(1); }
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(fd[1], 1);
    dup2(null, 2);
    close(fd[0]);
    close(fd[1]);
    execvp(argv[0], argv);
    _exit(127);
  }
  close(fd[1]);
  char buf[65536];
  ssize_t r;
  *bytes = 0;
  while ((r = read(fd[0], buf, sizeof buf)) > 0) *bytes += r;
  close(fd[0]);
  int st;
  struct rusage ru;
  wait4(pid, &st, 0, &ru);
  *cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3
            + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: qtime RUNS FILE\n"); return 2; }
  int runs = atoi(argv[1]);
  FILE *f = fopen(argv[2], "r");
  if (!f) { perror(argv[2]); return 2; }
  static char **cmds[MAX_CMDS];
  int n = 0;
  char *line = NULL;
  size_t cap = 0;
  while (n < MAX_CMDS && getline(&line, &cap, f) > 0) {
    cmds[n++] = parse(line);
    line = NULL;
    cap = 0;
  }
  fclose(f);
  long bytes;
  double cpu;
  for (int i = 0; i < n; i++) run(cmds[i], &bytes, &cpu);
  for (int p = 1; p <= runs; p++)
    for (int i = 0; i < n; i++) {
      double t0 = now_ms();
      int st = run(cmds[i], &bytes, &cpu);
      printf("%d %d %.3f %d %ld %.3f\n", p, i, now_ms() - t0, st, bytes, cpu);
    }
  return 0;
}
