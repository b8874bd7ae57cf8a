/* flow-pipe stage ABI: every plugin exports these two symbols. */
#ifndef FLOW_PIPE_STAGE_H
#define FLOW_PIPE_STAGE_H

#define FLOW_PIPE_ABI_VERSION 1

#ifdef __cplusplus
extern "C" {
#endif

/* ABI version the plugin was compiled against (must equal FLOW_PIPE_ABI_VERSION). */
int flow_stage_abi_version(void);

/* Runs the stage on one record; returns 0 on success. */
int flow_stage_run(const char *record);

#ifdef __cplusplus
}
#endif

#endif
