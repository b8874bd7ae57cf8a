# CMake package configuration of the flow-pipe SDK: find_package(flow-pipe) provides flow-pipe::sdk.
get_filename_component(FLOW_PIPE_PREFIX "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET flow-pipe::sdk)
  add_library(flow-pipe::sdk INTERFACE IMPORTED)
  set_target_properties(flow-pipe::sdk PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${FLOW_PIPE_PREFIX}/include")
endif()
set(flow-pipe_FOUND TRUE)
