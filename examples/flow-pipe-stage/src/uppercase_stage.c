/* An example flow-pipe stage: prints the record in upper case. */
#include <ctype.h>
#include <stdio.h>

#include <flow_pipe/stage.h>

int flow_stage_abi_version(void) { return FLOW_PIPE_ABI_VERSION; }

int flow_stage_run(const char *record) {
  printf("uppercase_stage: ");
  for (const char *c = record; *c; c++) putchar(toupper((unsigned char)*c));
  putchar('\n');
  return 0;
}
