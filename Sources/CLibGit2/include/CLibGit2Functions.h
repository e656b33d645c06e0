// Every libgit2 function CarsonGit calls, once: VALUE(return type, name, (parameters), (arguments))
// or VOID(name, (parameters), (arguments)), prototypes exactly as in libgit2 1.5's headers. The
// loader (Loader.c) expands this list into a function pointer, a dlsym and a `carson_<name>`
// trampoline for each; CLibGit2.h into their declarations. A function missing here fails to
// link (libgit2 is not linked), so the list cannot silently fall behind the Swift code.
#pragma once

#define CARSON_GIT_FUNCTIONS(VALUE, VOID) \
  VOID(git_buf_dispose, (git_buf *buffer), (buffer)) \
  VALUE(int, git_checkout_options_init, (git_checkout_options *opts, unsigned int version), (opts, version)) \
  VALUE(int, git_checkout_tree, (git_repository *repo, const git_object *treeish, const git_checkout_options *opts), \
    (repo, treeish, opts)) \
  VALUE(const git_signature *, git_commit_author, (const git_commit *commit), (commit)) \
  VALUE(const git_signature *, git_commit_committer, (const git_commit *commit), (commit)) \
  VOID(git_commit_free, (git_commit *commit), (commit)) \
  VALUE(int, git_commit_lookup, (git_commit **commit, git_repository *repo, const git_oid *id), (commit, repo, id)) \
  VALUE(const char *, git_commit_message, (const git_commit *commit), (commit)) \
  VALUE(int, git_commit_parent, (git_commit **out, const git_commit *commit, unsigned int n), (out, commit, n)) \
  VALUE(unsigned int, git_commit_parentcount, (const git_commit *commit), (commit)) \
  VALUE(int, git_commit_tree, (git_tree **tree_out, const git_commit *commit), (tree_out, commit)) \
  VALUE(int, git_credential_ssh_key_new, (git_credential **out, const char *username, const char *publickey, \
    const char *privatekey, const char *passphrase), \
    (out, username, publickey, privatekey, passphrase)) \
  VALUE(int, git_credential_username_new, (git_credential **out, const char *username), (out, username)) \
  VALUE(int, git_credential_userpass_plaintext_new, (git_credential **out, const char *username, const char *password), \
    (out, username, password)) \
  VOID(git_diff_free, (git_diff *diff), (diff)) \
  VALUE(const git_diff_delta *, git_diff_get_delta, (const git_diff *diff, size_t idx), (diff, idx)) \
  VALUE(size_t, git_diff_num_deltas, (const git_diff *diff), (diff)) \
  VALUE(int, git_diff_tree_to_tree, (git_diff **diff, git_repository *repo, git_tree *old_tree, git_tree *new_tree, \
    const git_diff_options *opts), \
    (diff, repo, old_tree, new_tree, opts)) \
  VALUE(const git_error *, git_error_last, (void), ()) \
  VALUE(int, git_error_set_str, (int error_class, const char *string), (error_class, string)) \
  VALUE(int, git_fetch_options_init, (git_fetch_options *opts, unsigned int version), (opts, version)) \
  VALUE(int, git_libgit2_init, (void), ()) \
  VALUE(int, git_libgit2_version, (int *major, int *minor, int *rev), (major, minor, rev)) \
  VOID(git_object_free, (git_object *object), (object)) \
  VALUE(const git_oid *, git_object_id, (const git_object *obj), (obj)) \
  VALUE(int, git_object_lookup, (git_object **object, git_repository *repo, const git_oid *id, git_object_t type), \
    (object, repo, id, type)) \
  VALUE(int, git_object_peel, (git_object **peeled, const git_object *object, git_object_t target_type), \
    (peeled, object, target_type)) \
  VALUE(int, git_oid_fromstr, (git_oid *out, const char *str), (out, str)) \
  VALUE(char *, git_oid_tostr_s, (const git_oid *oid), (oid)) \
  VALUE(int, git_reference_create, (git_reference **out, git_repository *repo, const char *name, const git_oid *id, int force, \
    const char *log_message), \
    (out, repo, name, id, force, log_message)) \
  VOID(git_reference_free, (git_reference *ref), (ref)) \
  VALUE(int, git_reference_is_branch, (const git_reference *ref), (ref)) \
  VALUE(int, git_reference_name_to_id, (git_oid *out, git_repository *repo, const char *name), (out, repo, name)) \
  VALUE(const char *, git_reference_shorthand, (const git_reference *ref), (ref)) \
  VALUE(int, git_remote_connect, (git_remote *remote, git_direction direction, const git_remote_callbacks *callbacks, \
    const git_proxy_options *proxy_opts, const git_strarray *custom_headers), \
    (remote, direction, callbacks, proxy_opts, custom_headers)) \
  VALUE(int, git_remote_create, (git_remote **out, git_repository *repo, const char *name, const char *url), \
    (out, repo, name, url)) \
  VALUE(int, git_remote_default_branch, (git_buf *out, git_remote *remote), (out, remote)) \
  VALUE(int, git_remote_disconnect, (git_remote *remote), (remote)) \
  VALUE(int, git_remote_fetch, (git_remote *remote, const git_strarray *refspecs, const git_fetch_options *opts, \
    const char *reflog_message), \
    (remote, refspecs, opts, reflog_message)) \
  VOID(git_remote_free, (git_remote *remote), (remote)) \
  VALUE(int, git_remote_init_callbacks, (git_remote_callbacks *opts, unsigned int version), (opts, version)) \
  VALUE(int, git_remote_lookup, (git_remote **out, git_repository *repo, const char *name), (out, repo, name)) \
  VALUE(int, git_remote_ls, (const git_remote_head ***out, size_t *size, git_remote *remote), (out, size, remote)) \
  VALUE(int, git_remote_set_url, (git_repository *repo, const char *remote, const char *url), (repo, remote, url)) \
  VALUE(const char *, git_remote_url, (const git_remote *remote), (remote)) \
  VOID(git_repository_free, (git_repository *repo), (repo)) \
  VALUE(int, git_repository_head, (git_reference **out, git_repository *repo), (out, repo)) \
  VALUE(int, git_repository_init, (git_repository **out, const char *path, unsigned is_bare), (out, path, is_bare)) \
  VALUE(int, git_repository_open_ext, (git_repository **out, const char *path, unsigned int flags, const char *ceiling_dirs), \
    (out, path, flags, ceiling_dirs)) \
  VALUE(int, git_repository_set_head, (git_repository *repo, const char *refname), (repo, refname)) \
  VALUE(int, git_repository_set_head_detached, (git_repository *repo, const git_oid *committish), \
    (repo, committish)) \
  VALUE(int, git_revparse_single, (git_object **out, git_repository *repo, const char *spec), (out, repo, spec)) \
  VOID(git_revwalk_free, (git_revwalk *walk), (walk)) \
  VALUE(int, git_revwalk_hide, (git_revwalk *walk, const git_oid *commit_id), (walk, commit_id)) \
  VALUE(int, git_revwalk_new, (git_revwalk **out, git_repository *repo), (out, repo)) \
  VALUE(int, git_revwalk_next, (git_oid *out, git_revwalk *walk), (out, walk)) \
  VALUE(int, git_revwalk_push, (git_revwalk *walk, const git_oid *id), (walk, id)) \
  VALUE(int, git_revwalk_sorting, (git_revwalk *walk, unsigned int sort_mode), (walk, sort_mode)) \
  VALUE(int, git_stream_register, (git_stream_t type, git_stream_registration *registration), (type, registration)) \
  VOID(git_tree_free, (git_tree *tree), (tree))
