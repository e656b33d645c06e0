// libgit2 (Debian libgit2-dev). Only CarsonGit imports this module.
#include <git2.h>
