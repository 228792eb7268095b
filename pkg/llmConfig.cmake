# find_package(llm CONFIG REQUIRED) gives two INTERFACE targets:
#   llm::llm   the headers (llm.h, costs_embedded.h and the companion headers)
#   llm::curl  the same with libcurl, for llm_curl_adapter.h
# One source file of the program defines LLM_IMPLEMENTATION (and
# LLM_CURL_IMPLEMENTATION for the adapter) before including the headers.
get_filename_component(_llm_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET llm::llm)
  add_library(llm::llm INTERFACE IMPORTED)
  set_target_properties(llm::llm PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_llm_prefix}/include")
endif()
if(NOT TARGET llm::curl)
  include(CMakeFindDependencyMacro)
  find_dependency(CURL)
  add_library(llm::curl INTERFACE IMPORTED)
  set_target_properties(llm::curl PROPERTIES INTERFACE_LINK_LIBRARIES "llm::llm;CURL::libcurl")
endif()
unset(_llm_prefix)
