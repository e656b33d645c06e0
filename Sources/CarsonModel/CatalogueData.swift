/// The data behind `Catalogue.standard`: Jenkins steps (see `CatalogueData+Steps.swift`), options,
/// triggers, build parameter types and tool types, with parameter names and Java types as
/// `DescribableModel` reports them: `@DataBoundConstructor` parameters are required,
/// `@DataBoundSetter` ones optional.
///
/// Note on required parameters of options, triggers and build parameters: Declarative validates
/// these as method calls, where a missing required parameter is only an error for the positional
/// form (`"cron" should have 1 arguments but has 0 arguments instead.`); named arguments are checked
/// for unknown names and literal types only.
enum CatalogueData {
  /// Options: job properties (pipeline level only), Declarative options and block steps usable
  /// as wrappers (these share the step entry). `parameters` and `pipelineTriggers` are left out on
  /// purpose: Declarative rejects them in `options` with dedicated messages.
  static let options: [OptionDescribable] = [
    wrapper("ansiColor"),
    OptionDescribable(
      .jobProperty,
      Describable(
        "authorizationMatrix",
        [
          ParameterSpec("entries", .object, "Permission entries, e.g. [user(name: 'x', permissions: [...])]."),
          ParameterSpec("inheritanceStrategy", .object, "How permissions of parent items are inherited."),
          ParameterSpec("permissions", .object, "Legacy PERMISSION:sid strings."),
        ],
        plugin: "matrix-auth",
        "Grants permissions on this job (project-based matrix authorization).")),
    OptionDescribable(
      .jobProperty,
      Describable(
        "buildDiscarder",
        [
          ParameterSpec("strategy", .object, required: true, "Discard strategy, usually logRotator(numToKeepStr: '10', ...)."),
        ],
        plugin: "core",
        "Discards old builds according to a strategy.")),
    wrapper("catchError"),
    OptionDescribable(
      .declarative(allowedInStage: true),
      Describable(
        "checkoutToSubdirectory",
        [
          ParameterSpec("subdirectory", .string, required: true, "Subdirectory to check out into."),
        ],
        plugin: "pipeline-model-definition",
        "Performs the automatic SCM checkout into a subdirectory of the workspace.")),
    OptionDescribable(
      .jobProperty,
      Describable(
        "copyArtifactPermission",
        [
          ParameterSpec("projectNames", .string, required: true, "Comma-separated project names (wildcards allowed)."),
        ],
        plugin: "copyartifact",
        "Lets the listed projects copy artifacts from this job.")),
    OptionDescribable(
      .jobProperty,
      Describable(
        "disableConcurrentBuilds",
        [
          ParameterSpec("abortPrevious", .boolean, "Abort the running build instead of queueing the new one."),
        ],
        plugin: "workflow-job",
        "Disallows concurrent builds of this job.")),
    OptionDescribable(
      .declarative(allowedInStage: false),
      Describable(
        "disableRestartFromStage", plugin: "pipeline-model-definition",
        "Disallows restarting the Pipeline from a stage.")),
    OptionDescribable(
      .jobProperty,
      Describable(
        "disableResume", plugin: "workflow-job",
        "Does not resume the build after a controller restart.")),
    OptionDescribable(
      .jobProperty,
      Describable(
        "durabilityHint",
        [
          ParameterSpec("hint", .choice(["MAX_SURVIVABILITY", "SURVIVABLE_NONATOMIC", "PERFORMANCE_OPTIMIZED"]), required: true, "Durability level."),
        ],
        plugin: "workflow-job",
        "Sets the durability level of the Pipeline.")),
    OptionDescribable(
      .jobProperty,
      Describable(
        "githubProjectProperty",
        [
          ParameterSpec("projectUrlStr", .string, required: true, "GitHub project URL."),
          ParameterSpec("displayName", .string, "Display name of the project."),
        ],
        plugin: "github",
        "Associates the job with a GitHub project URL.")),
    wrapper("gitlabBuilds"),
    wrapper("gitlabCommitStatus"),
    OptionDescribable(
      .jobProperty,
      Describable(
        "gitLabConnection",
        [
          ParameterSpec("gitLabConnection", .string, required: true, "Name of the configured connection."),
          ParameterSpec("jobCredentialId", .string, "Job-specific API token credentials."),
          ParameterSpec("useAlternativeCredential", .boolean, "Use jobCredentialId instead of the connection token."),
        ],
        plugin: "gitlab-plugin",
        "Selects the GitLab connection used by GitLab steps and triggers.")),
    wrapper("lock"),
    OptionDescribable(
      .declarative(allowedInStage: false),
      Describable(
        "newContainerPerStage", plugin: "docker-workflow",
        "Runs each stage in a new container of the top-level docker or dockerfile agent.")),
    OptionDescribable(
      .jobProperty,
      Describable(
        "overrideIndexTriggers",
        [
          ParameterSpec("enableTriggers", .boolean, required: true, "Whether indexing triggers builds."),
        ],
        plugin: "branch-api",
        "Overrides whether branch indexing triggers builds of this branch.")),
    OptionDescribable(
      .declarative(allowedInStage: false),
      Describable(
        "parallelsAlwaysFailFast", plugin: "pipeline-model-definition",
        "Sets failFast for all parallel stages.")),
    OptionDescribable(
      .jobProperty,
      Describable(
        "preserveStashes",
        [
          ParameterSpec("buildCount", .int, "Number of recent builds whose stashes are kept (1 to 50, default 1)."),
        ],
        plugin: "pipeline-model-definition",
        "Keeps stashes of completed builds for use by restarted stages.")),
    OptionDescribable(
      .declarative(allowedInStage: false),
      Describable(
        "quietPeriod",
        [
          ParameterSpec("quietPeriod", .int, required: true, "Quiet period in seconds."),
        ],
        plugin: "pipeline-model-definition",
        "Sets the quiet period of the job in seconds.")),
    OptionDescribable(
      .jobProperty,
      Describable(
        "rateLimitBuilds",
        [
          ParameterSpec("throttle", .object, required: true, "Throttle: [count: 1, durationName: 'hour', userBoost: false]."),
        ],
        plugin: "branch-api",
        "Limits how many builds of this branch may start per time period.")),
    wrapper("retry"),
    OptionDescribable(
      .declarative(allowedInStage: true),
      Describable(
        "skipDefaultCheckout",
        [
          ParameterSpec("skipDefaultCheckout", .boolean, required: true, "Whether to skip the checkout (default true when called without argument)."),
        ],
        plugin: "pipeline-model-definition",
        "Skips the automatic checkout scm when entering the agent.")),
    OptionDescribable(
      .declarative(allowedInStage: false),
      Describable(
        "skipStagesAfterUnstable", plugin: "pipeline-model-definition",
        "Skips the remaining stages once the build is UNSTABLE.")),
    wrapper("throttle"),
    OptionDescribable(
      .jobProperty,
      Describable(
        "throttleJobProperty",
        [
          ParameterSpec("categories", .object, required: true, "Throttle category names."),
          ParameterSpec("limitOneJobWithMatchingParams", .boolean, required: true, "Prevent concurrent builds with the same parameters."),
          ParameterSpec("matrixOptions", .object, required: true, "Matrix project options (null for none)."),
          ParameterSpec("maxConcurrentPerNode", .int, required: true, "Maximum concurrent builds per node."),
          ParameterSpec("maxConcurrentTotal", .int, required: true, "Maximum concurrent builds in total."),
          ParameterSpec("paramsToUseForLimit", .string, required: true, "Parameters compared for the parameter limit."),
          ParameterSpec("throttleEnabled", .boolean, required: true, "Enable throttling."),
          ParameterSpec("throttleOption", .string, required: true, "project or category."),
        ],
        plugin: "throttle-concurrents",
        "Throttles concurrent builds of this job.")),
    wrapper("timeout"),
    wrapper("timestamps"),
    wrapper("waitUntil"),
    wrapper("warnError"),
    wrapper("withAWS"),
    wrapper("withChecks"),
    wrapper("withCredentials"),
    wrapper("withEnv"),
  ]

  /// Triggers for the `triggers {}` directive.
  static let triggers: [Describable] = [
    Describable(
      "bitbucketPush",
      [
        ParameterSpec("overrideUrl", .string, "Repository URL to match instead of the SCM URL."),
      ],
      plugin: "bitbucket",
      "Triggers builds on Bitbucket pushes."),
    Describable(
      "cron",
      [
        ParameterSpec("spec", .string, required: true, "Cron specification, e.g. H 4 * * 1-5 or @daily."),
      ],
      plugin: "core",
      "Builds periodically on a cron schedule."),
    Describable(
      "GenericTrigger",
      [
        ParameterSpec("genericVariables", .object, required: true, "Variables extracted from the POST body."),
        ParameterSpec("regexpFilterText", .string, required: true, "Text matched against regexpFilterExpression."),
        ParameterSpec("regexpFilterExpression", .string, required: true, "Regular expression the text must match."),
        ParameterSpec("genericRequestVariables", .object, required: true, "Variables from query parameters."),
        ParameterSpec("genericHeaderVariables", .object, required: true, "Variables from request headers."),
        ParameterSpec("allowSeveralTriggersPerBuild", .boolean, "Allow several triggers per build."),
        ParameterSpec("causeString", .string, "Build cause text."),
        ParameterSpec("overrideQuietPeriod", .boolean, "Override the quiet period."),
        ParameterSpec("printContributedVariables", .boolean, "Log the resolved variables."),
        ParameterSpec("printPostContent", .boolean, "Log the request body."),
        ParameterSpec("shouldNotFlatten", .boolean, "Do not flatten JSON variables."),
        ParameterSpec("silentResponse", .boolean, "Respond without details."),
        ParameterSpec("token", .string, "Token identifying the job."),
        ParameterSpec("tokenCredentialId", .string, "Credentials holding the token."),
      ],
      plugin: "generic-webhook-trigger",
      "Triggers builds from generic webhook requests."),
    Describable("githubPush", plugin: "github", "Triggers builds on GitHub push webhooks."),
    Describable(
      "gitlab",
      [
        ParameterSpec("acceptMergeRequestOnSuccess", .boolean, "Accept the merge request when the build succeeds."),
        ParameterSpec("addCiMessage", .boolean, "Add a CI message to the merge request."),
        ParameterSpec("addNoteOnMergeRequest", .boolean, "Comment the result on the merge request."),
        ParameterSpec("addVoteOnMergeRequest", .boolean, "Vote on the merge request."),
        ParameterSpec("branchFilterType", .choice(["All", "NameBasedFilter", "RegexBasedFilter"]), "How branches are filtered."),
        ParameterSpec("cancelIncompleteBuildOnSameMergeRequest", .boolean, "Cancel running builds of the same merge request."),
        ParameterSpec("cancelPendingBuildsOnUpdate", .boolean, "Cancel pending builds on merge request update."),
        ParameterSpec("ciSkip", .boolean, "Honour [ci-skip] in commit messages."),
        ParameterSpec("excludeBranchesSpec", .string, "Branches to exclude (name filter)."),
        ParameterSpec("includeBranchesSpec", .string, "Branches to include (name filter)."),
        ParameterSpec("labelsThatForcesBuildIfAdded", .string, "Labels that force a build when added."),
        ParameterSpec("mergeRequestLabelFilterConfig", .object, "Merge request label filter."),
        ParameterSpec("noteRegex", .string, "Comment text that triggers a build."),
        ParameterSpec("pendingBuildName", .string, "Name of the pending status."),
        ParameterSpec("secretToken", .string, "Webhook secret token."),
        ParameterSpec("setBuildDescription", .boolean, "Set the build description from the event."),
        ParameterSpec("skipWorkInProgressMergeRequest", .boolean, "Ignore work-in-progress merge requests."),
        ParameterSpec("sourceBranchRegex", .string, "Source branch regex (regex filter)."),
        ParameterSpec("targetBranchRegex", .string, "Target branch regex (regex filter)."),
        ParameterSpec("triggerOnAcceptedMergeRequest", .boolean, "Build on accepted merge requests."),
        ParameterSpec("triggerOnApprovedMergeRequest", .boolean, "Build on approved merge requests."),
        ParameterSpec("triggerOnClosedMergeRequest", .boolean, "Build on closed merge requests."),
        ParameterSpec("triggerOnMergeRequest", .boolean, "Build on merge request events."),
        ParameterSpec("triggerOnNoteRequest", .boolean, "Build on matching comments."),
        ParameterSpec("triggerOnPipelineEvent", .boolean, "Build on pipeline events."),
        ParameterSpec("triggerOnPush", .boolean, "Build on push events."),
        ParameterSpec("triggerOnlyIfNewCommitsPushed", .boolean, "Build merge requests only when new commits are pushed."),
        ParameterSpec("triggerOpenMergeRequestOnPush", .choice(["never", "source", "both"]), "Rebuild open merge requests on push."),
        ParameterSpec("triggerToBranchDeleteRequest", .boolean, "Build on branch deletion."),
      ],
      plugin: "gitlab-plugin",
      "Triggers builds on GitLab webhook events."),
    Describable(
      "issueCommentTrigger",
      [
        ParameterSpec("commentPattern", .string, required: true, "Regular expression the comment must match."),
      ],
      plugin: "pipeline-github",
      "Triggers builds on pull request comments matching a pattern."),
    Describable(
      "parameterizedCron",
      [
        ParameterSpec("parameterizedSpecification", .string, required: true, "Cron lines, each optionally followed by % NAME=value;..."),
      ],
      plugin: "parameterized-scheduler",
      "Builds periodically with parameters on a cron schedule."),
    Describable(
      "pollSCM",
      [
        ParameterSpec("scmpoll_spec", .string, required: true, "Cron specification of the polling schedule."),
        ParameterSpec("ignorePostCommitHooks", .boolean, "Ignore post-commit hook notifications."),
      ],
      plugin: "core",
      "Polls the SCM for changes on a cron schedule."),
    Describable(
      "upstream",
      [
        ParameterSpec("upstreamProjects", .string, required: true, "Comma-separated upstream job names."),
        ParameterSpec("threshold", .object, "Minimum upstream result, e.g. hudson.model.Result.SUCCESS."),
      ],
      plugin: "core",
      "Builds after other projects finish."),
  ]

  /// Build parameter types for the `parameters {}` directive and stage `input {}`.
  static let parameters: [Describable] = [
    Describable(
      "activeChoice",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("description", .string, required: true, "Description."),
        ParameterSpec("randomName", .string, required: true, "Internal unique name."),
        ParameterSpec("script", .object, required: true, "Script computing the choices."),
        ParameterSpec("choiceType", .choice(["PT_SINGLE_SELECT", "PT_MULTI_SELECT", "PT_RADIO", "PT_CHECKBOX"]), required: true, "How choices are shown."),
        ParameterSpec("filterable", .boolean, required: true, "Show a filter box."),
        ParameterSpec("filterLength", .int, required: true, "Minimum characters before filtering."),
      ],
      plugin: "uno-choice",
      "A build parameter whose choices are computed by a script (Active Choices)."),
    Describable(
      "activeChoiceHtml",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("description", .string, required: true, "Description."),
        ParameterSpec("randomName", .string, required: true, "Internal unique name."),
        ParameterSpec("script", .object, required: true, "Script computing the HTML."),
        ParameterSpec("choiceType", .choice(["ET_TEXT_BOX", "ET_ORDERED_LIST", "ET_UNORDERED_LIST", "ET_FORMATTED_HTML", "ET_FORMATTED_HIDDEN_HTML"]), required: true, "How the value is rendered."),
        ParameterSpec("referencedParameters", .string, required: true, "Comma-separated parameters this one depends on."),
        ParameterSpec("omitValueField", .boolean, required: true, "Omit the hidden value field."),
      ],
      plugin: "uno-choice",
      "An Active Choices parameter rendering script-generated HTML."),
    Describable(
      "booleanParam",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("defaultValue", .boolean, "Default value."),
        ParameterSpec("description", .string, "Description."),
      ],
      plugin: "core",
      "A true/false build parameter."),
    Describable(
      "choice",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("description", .string, required: true, "Description."),
        ParameterSpec("choices", .object, "Choices as a list or newline-separated string; the first is the default."),
      ],
      plugin: "core",
      "A build parameter chosen from a list."),
    Describable(
      "choiceParam",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("description", .string, required: true, "Description."),
        ParameterSpec("choices", .object, "Choices as a list or newline-separated string; the first is the default."),
      ],
      plugin: "core",
      "A build parameter chosen from a list (alias of choice)."),
    Describable(
      "credentials",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("description", .string, required: true, "Description."),
        ParameterSpec("defaultValue", .string, required: true, "Default credentials id."),
        ParameterSpec("credentialType", .string, required: true, "Credentials class name, or empty for any."),
        ParameterSpec("required", .boolean, required: true, "A value must be chosen."),
      ],
      plugin: "credentials",
      "A build parameter selecting credentials."),
    Describable(
      "extendedChoice",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("type", .string, required: true, "Widget type, e.g. PT_SINGLE_SELECT, PT_CHECKBOX, PT_JSON."),
        ParameterSpec("value", .string, required: true, "Comma-separated values."),
        ParameterSpec("projectName", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("propertyFile", .string, required: true, "Property file with the values."),
        ParameterSpec("groovyScript", .string, required: true, "Groovy script computing the values."),
        ParameterSpec("groovyScriptFile", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("bindings", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("groovyClasspath", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("propertyKey", .string, required: true, "Key in the property file."),
        ParameterSpec("defaultValue", .string, required: true, "Default value(s)."),
        ParameterSpec("defaultPropertyFile", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("defaultGroovyScript", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("defaultGroovyScriptFile", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("defaultBindings", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("defaultGroovyClasspath", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("defaultPropertyKey", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("descriptionPropertyValue", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("descriptionPropertyFile", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("descriptionGroovyScript", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("descriptionGroovyScriptFile", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("descriptionBindings", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("descriptionGroovyClasspath", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("descriptionPropertyKey", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("javascriptFile", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("javascript", .string, required: true, "See the Extended Choice Parameter documentation."),
        ParameterSpec("saveJSONParameterToFile", .boolean, required: true, "Save a JSON value to a file."),
        ParameterSpec("quoteValue", .boolean, required: true, "Quote the value."),
        ParameterSpec("visibleItemCount", .int, required: true, "Number of visible items."),
        ParameterSpec("description", .string, required: true, "Description."),
        ParameterSpec("multiSelectDelimiter", .string, required: true, "Delimiter of multiple values."),
      ],
      plugin: "extended-choice-parameter",
      "An extended choice build parameter (select, checkbox, radio, JSON)."),
    Describable(
      "file",
      [
        ParameterSpec("name", .string, required: true, "Parameter name and workspace-relative upload location."),
        ParameterSpec("description", .string, "Description."),
      ],
      plugin: "core",
      "A file uploaded as a build parameter."),
    Describable(
      "fileParam",
      [
        ParameterSpec("name", .string, required: true, "Parameter name and workspace-relative upload location."),
        ParameterSpec("description", .string, "Description."),
      ],
      plugin: "core",
      "A file uploaded as a build parameter (alias of file)."),
    Describable(
      "gitParameter",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("type", .choice(["PT_TAG", "PT_BRANCH", "PT_BRANCH_TAG", "PT_REVISION", "PT_PULL_REQUEST"]), required: true, "What to list."),
        ParameterSpec("defaultValue", .string, required: true, "Default value."),
        ParameterSpec("description", .string, required: true, "Description."),
        ParameterSpec("branch", .string, required: true, "Branch used to list revisions."),
        ParameterSpec("branchFilter", .string, required: true, "Regular expression filtering branches."),
        ParameterSpec("tagFilter", .string, required: true, "Wildcard filtering tags."),
        ParameterSpec("sortMode", .choice(["NONE", "ASCENDING", "DESCENDING", "ASCENDING_SMART", "DESCENDING_SMART"]), required: true, "Sort order."),
        ParameterSpec("selectedValue", .choice(["NONE", "TOP", "DEFAULT"]), required: true, "Preselected value."),
        ParameterSpec("useRepository", .string, required: true, "Regular expression selecting the repository."),
        ParameterSpec("quickFilterEnabled", .boolean, required: true, "Show a quick filter box."),
        ParameterSpec("listSize", .string, "Number of visible items."),
        ParameterSpec("requiredParameter", .boolean, "A value must be chosen."),
      ],
      plugin: "git-parameter",
      "A build parameter chosen from Git branches, tags or revisions."),
    Describable(
      "password",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("defaultValueAsSecret", .object, required: true, "Default value as a Secret (Declarative also accepts defaultValue)."),
        ParameterSpec("description", .string, required: true, "Description."),
        ParameterSpec("defaultValue", .string, "Default value as plain text."),
      ],
      plugin: "core",
      "A secret build parameter."),
    Describable(
      "reactiveChoice",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("description", .string, required: true, "Description."),
        ParameterSpec("randomName", .string, required: true, "Internal unique name."),
        ParameterSpec("script", .object, required: true, "Script computing the choices."),
        ParameterSpec("choiceType", .choice(["PT_SINGLE_SELECT", "PT_MULTI_SELECT", "PT_RADIO", "PT_CHECKBOX"]), required: true, "How choices are shown."),
        ParameterSpec("referencedParameters", .string, required: true, "Comma-separated parameters this one depends on."),
        ParameterSpec("filterable", .boolean, required: true, "Show a filter box."),
        ParameterSpec("filterLength", .int, required: true, "Minimum characters before filtering."),
      ],
      plugin: "uno-choice",
      "An Active Choices parameter recomputed when referenced parameters change."),
    Describable(
      "run",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("projectName", .string, required: true, "Job whose builds can be chosen."),
        ParameterSpec("description", .string, required: true, "Description."),
        ParameterSpec("filter", .choice(["ALL", "STABLE", "SUCCESSFUL", "COMPLETED"]), required: true, "Which builds can be chosen."),
      ],
      plugin: "core",
      "A build parameter selecting a build of another job."),
    Describable(
      "runParam",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("projectName", .string, required: true, "Job whose builds can be chosen."),
        ParameterSpec("description", .string, required: true, "Description."),
        ParameterSpec("filter", .choice(["ALL", "STABLE", "SUCCESSFUL", "COMPLETED"]), required: true, "Which builds can be chosen."),
      ],
      plugin: "core",
      "A build parameter selecting a build of another job (alias of run)."),
    Describable(
      "string",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("defaultValue", .string, "Default value."),
        ParameterSpec("description", .string, "Description."),
        ParameterSpec("trim", .boolean, "Strip leading and trailing whitespace."),
      ],
      plugin: "core",
      "A single-line text build parameter."),
    Describable(
      "stringParam",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("defaultValue", .string, "Default value."),
        ParameterSpec("description", .string, "Description."),
        ParameterSpec("trim", .boolean, "Strip leading and trailing whitespace."),
      ],
      plugin: "core",
      "A single-line text build parameter (alias of string)."),
    Describable(
      "text",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("defaultValue", .string, "Default value."),
        ParameterSpec("description", .string, "Description."),
        ParameterSpec("trim", .boolean, "Strip leading and trailing whitespace."),
      ],
      plugin: "core",
      "A multi-line text build parameter."),
    Describable(
      "textParam",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("defaultValue", .string, "Default value."),
        ParameterSpec("description", .string, "Description."),
        ParameterSpec("trim", .boolean, "Strip leading and trailing whitespace."),
      ],
      plugin: "core",
      "A multi-line text build parameter (alias of text)."),
    Describable(
      "validatingString",
      [
        ParameterSpec("name", .string, required: true, "Parameter name."),
        ParameterSpec("defaultValue", .string, required: true, "Default value."),
        ParameterSpec("regex", .string, required: true, "Regular expression the value must match."),
        ParameterSpec("failedValidationMessage", .string, required: true, "Message shown when validation fails."),
        ParameterSpec("description", .string, required: true, "Description."),
      ],
      plugin: "validating-string-parameter",
      "A text build parameter validated by a regular expression."),
  ]

  /// Tool types for the `tools {}` directive: `maven 'name'` binds the name of a configured
  /// installation.
  static let tools: [Describable] = [
    Describable(
      "allure",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "allure-jenkins-plugin",
      "Allure Commandline installation."),
    Describable(
      "ansible",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "ansible",
      "Ansible installation."),
    Describable(
      "ant",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "ant",
      "Apache Ant installation (ANT_HOME)."),
    Describable(
      "cmake",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "cmakebuilder",
      "CMake installation."),
    Describable(
      "dockerTool",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "docker-commons",
      "Docker CLI installation."),
    Describable(
      "dotnetsdk",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "dotnet-sdk",
      ".NET SDK installation."),
    Describable(
      "git",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "git-client",
      "Git executable."),
    Describable(
      "go",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "golang",
      "Go installation (GOROOT)."),
    Describable(
      "gradle",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "gradle",
      "Gradle installation (GRADLE_HOME)."),
    Describable(
      "groovy",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "groovy",
      "Groovy installation."),
    Describable(
      "jdk",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "core",
      "JDK installation (JAVA_HOME)."),
    Describable(
      "jfrog",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "jfrog",
      "JFrog CLI installation."),
    Describable(
      "jgit",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "git-client",
      "JGit, the built-in Java Git implementation."),
    Describable(
      "maven",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "core",
      "Apache Maven installation (MAVEN_HOME, M2_HOME)."),
    Describable(
      "msbuild",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "msbuild",
      "MSBuild installation."),
    Describable(
      "nodejs",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "nodejs",
      "NodeJS installation."),
    Describable(
      "terraform",
      [
        ParameterSpec("name", .string, required: true, "Name of the configured installation."),
      ],
      plugin: "terraform",
      "Terraform installation."),
  ]

  /// A block step used as an option wrapper, with the same parameters as the step.
  private static func wrapper(_ name: String) -> OptionDescribable {
    guard let step = steps.first(where: { $0.name == name }) else {
      preconditionFailure("wrapper option \(name) has no step entry")
    }
    return OptionDescribable(.wrapper, step)
  }
}
