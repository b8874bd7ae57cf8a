/* flow_runtime: loads every stage plugin from the plugin directory and runs it on one record. */
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "flow_pipe/stage.h"

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "/opt/flow-pipe/plugins";
  const char *record = argc > 2 ? argv[2] : "hello";
  DIR *d = opendir(dir);
  if (d == NULL) {
    printf("flow_runtime: no plugin directory %s\n", dir);
    return 0;
  }
  int loaded = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    size_t n = strlen(e->d_name);
    if (n < 4 || strcmp(e->d_name + n - 3, ".so") != 0) continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    void *h = dlopen(path, RTLD_NOW);
    if (h == NULL) { fprintf(stderr, "flow_runtime: %s\n", dlerror()); return 1; }
    int (*abi)(void) = (int (*)(void))dlsym(h, "flow_stage_abi_version");
    int (*run)(const char *) = (int (*)(const char *))dlsym(h, "flow_stage_run");
    if (abi == NULL || run == NULL || abi() != FLOW_PIPE_ABI_VERSION) {
      fprintf(stderr, "flow_runtime: %s is not a flow-pipe stage of ABI %d\n", e->d_name, FLOW_PIPE_ABI_VERSION);
      return 1;
    }
    printf("flow_runtime: loaded %s\n", e->d_name);
    if (run(record) != 0) return 1;
    loaded++;
  }
  closedir(d);
  printf("flow_runtime: %d stage(s) ran\n", loaded);
  return 0;
}
