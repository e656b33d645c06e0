/// The declarative language itself, for hover, completion and `docs/steps.md`: sections and
/// directives, agent types with their options, `when` conditions and `post` conditions. The
/// validator reads agent types and `when` conditions from here, so what an editor offers is what
/// `carson lint` accepts.
extension CatalogueData {
  static let plugin = "pipeline-model-definition"

  static let sections: [SectionDescription] = [
    SectionDescription("pipeline", in: [.topLevel], "pipeline { … }", "The Declarative Pipeline: agent, stages and the directives that apply to all of them."),
    SectionDescription("agent", in: [.pipeline, .stage, .matrix], "agent any | agent none | agent { label 'x' } | agent { docker { image 'x' } }", "Where the pipeline or stage runs: any agent, none (each stage picks its own), a label, a Docker image, a Dockerfile or a Kubernetes pod."),
    SectionDescription("stages", in: [.pipeline, .stage, .matrix], "stages { stage('name') { … } }", "The sequence of stages. Required at pipeline level, with at least one stage."),
    SectionDescription("stage", in: [.stages, .parallel], "stage('name') { steps { … } }", "A named step of the pipeline, shown as a column in Jenkins' stage view. Holds exactly one of steps, stages, parallel or matrix."),
    SectionDescription("steps", in: [.stage], "steps { sh 'make' }", "The steps a stage runs, in order."),
    SectionDescription("post", in: [.pipeline, .stage, .matrix], "post { always { … } failure { … } }", "Steps run after the pipeline or stage, under conditions on its result (always, success, failure, …)."),
    SectionDescription("environment", in: [.pipeline, .stage, .matrix], "environment { NAME = 'value'; TOKEN = credentials('id') }", "Environment variables for all steps of the pipeline or stage; credentials('id') binds a credential."),
    SectionDescription("options", in: [.pipeline, .stage, .matrix], "options { timeout(time: 1, unit: 'HOURS') }", "Job properties, Declarative options and wrappers (timeout, retry, timestamps, …) of the pipeline or stage."),
    SectionDescription("parameters", in: [.pipeline, .input], "parameters { string(name: 'X', defaultValue: '') }", "Build parameters the user supplies when starting a build, available as params.NAME."),
    SectionDescription("triggers", in: [.pipeline], "triggers { cron('H 4 * * 1-5') }", "What starts builds automatically: cron, pollSCM, upstream, webhooks."),
    SectionDescription("tools", in: [.pipeline, .stage, .matrix], "tools { maven 'apache-maven-3.9' }", "Tool installations to put on PATH (maven, jdk, gradle, nodejs, …), by their configured names."),
    SectionDescription("libraries", in: [.pipeline], "libraries { lib('name@version') }", "Shared libraries to load for this pipeline."),
    SectionDescription("when", in: [.stage, .matrix], "when { branch 'main' }", "Conditions under which the stage runs; all must be true. beforeAgent, beforeInput and beforeOptions evaluate them earlier."),
    SectionDescription("input", in: [.stage, .matrix], "input { message 'Deploy?'; ok 'Yes' }", "Pauses before the stage and asks for confirmation (and parameters); submitter limits who may answer."),
    SectionDescription("parallel", in: [.stage], "parallel { stage('a') { … } stage('b') { … } }", "Stages that run at the same time."),
    SectionDescription("matrix", in: [.stage], "matrix { axes { axis { name 'OS'; values 'linux', 'mac' } } stages { … } }", "Runs the same stages for every combination of axis values, in parallel."),
    SectionDescription("failFast", in: [.stage], "failFast true", "Aborts the other parallel stages as soon as one fails."),
    SectionDescription("axes", in: [.matrix], "axes { axis { name 'X'; values 'a', 'b' } }", "The axes of a matrix."),
    SectionDescription("axis", in: [.axes, .exclude], "axis { name 'X'; values 'a', 'b' }", "One matrix axis: a name and its values (notValues in excludes)."),
    SectionDescription("excludes", in: [.matrix], "excludes { exclude { axis { name 'X'; values 'a' } } }", "Combinations of a matrix that are not run."),
    SectionDescription("exclude", in: [.excludes], "exclude { axis { … } }", "One excluded combination: every listed axis must match."),
  ]

  static let agentTypes: [Describable] = {
    func p(_ name: String, _ type: ParameterType, required: Bool = false, _ summary: String) -> ParameterSpec {
      ParameterSpec(name, type, required: required, summary)
    }
    func p(_ name: String, required: Bool = false, _ summary: String) -> ParameterSpec {
      ParameterSpec(name, .string, required: required, summary)
    }
    let label = p("label", "Label expression the agent must match.")
    let workspace = p("customWorkspace", "Workspace directory to use instead of the default.")
    let reuse = p("reuseNode", .boolean, "Run the container on the node and workspace of the enclosing agent.")
    let registryURL = p("registryUrl", "Docker registry to log in to.")
    let registryCredentials = p("registryCredentialsId", "Credentials for the registry.")
    let perStage = p("containerPerStageRoot", .boolean, "With newContainerPerStage: keep the top-level container's workspace root.")
    let args = p("args", "Extra docker run arguments.")
    let kubernetes =
      ["yaml", "yamlFile", "yamlMergeStrategy", "defaultContainer", "inheritFrom", "cloud", "label", "customWorkspace", "namespace",
       "serviceAccount", "nodeSelector", "workingDir", "idleMinutes", "instanceCap", "activeDeadlineSeconds", "containerTemplate",
       "containerTemplates", "podRetention", "workspaceVolume", "slaveConnectTimeout", "supplementalGroups", "showRawYaml", "retries",
       "runAsUser", "runAsGroup", "hostNetwork", "envVars", "imagePullSecrets", "podTemplate", "nodeUsageMode", "idleMinutesStr",
       "instanceCapStr", "slaveConnectTimeoutStr", "activeDeadlineSecondsStr", "agentContainer", "agentInjection", "podLabels",
       "annotations", "volumes"].map { ParameterSpec($0, .object) }
    return [
      Describable("any", plugin: plugin, "Runs on any available agent."),
      Describable("none", plugin: plugin, "No agent for the whole pipeline; each stage declares its own."),
      Describable("label", [p("label", required: true, "Label expression the agent must match.")], plugin: plugin, "Runs on an agent matching the label expression."),
      Describable("node", [label, workspace, p("retries", .int, "How often to retry getting the agent.")], plugin: plugin, "Like label, with more options (customWorkspace, retries)."),
      Describable(
        "docker",
        [p("image", required: true, "Image to run the steps in."), args, p("alwaysPull", .boolean, "Pull the image even when it is present."), label, workspace,
         registryURL, registryCredentials, reuse, perStage],
        plugin: "docker-workflow", "Runs the steps in a container of the given image."),
      Describable(
        "dockerfile",
        [p("filename", "Dockerfile name (default Dockerfile)."), p("dir", "Build context directory."), p("additionalBuildArgs", "Extra docker build arguments."),
         label, args, workspace, reuse, registryURL, registryCredentials, perStage],
        plugin: "docker-workflow", "Builds an image from a Dockerfile in the repository and runs the steps in it."),
      Describable("kubernetes", kubernetes, plugin: "kubernetes", "Runs the steps in a Kubernetes pod built from a pod template."),
    ]
  }()

  static let postConditions: [Describable] = [
    Describable("always", block: true, plugin: plugin, "Always runs, whatever the result."),
    Describable("changed", block: true, plugin: plugin, "Runs when the result differs from the previous build's."),
    Describable("fixed", block: true, plugin: plugin, "Runs when this build succeeds and the previous one failed or was unstable."),
    Describable("regression", block: true, plugin: plugin, "Runs when this build fails, is unstable or aborted and the previous one succeeded."),
    Describable("aborted", block: true, plugin: plugin, "Runs when the build was aborted."),
    Describable("success", block: true, plugin: plugin, "Runs when the build succeeded."),
    Describable("unsuccessful", block: true, plugin: plugin, "Runs when the build did not succeed."),
    Describable("unstable", block: true, plugin: plugin, "Runs when the build is unstable (test failures, unstable step)."),
    Describable("failure", block: true, plugin: plugin, "Runs when the build failed."),
    Describable("notBuilt", block: true, plugin: plugin, "Runs when the build was not built (e.g. skipped by a stage's when)."),
    Describable("cleanup", block: true, plugin: plugin, "Runs last, after every other condition, whatever the result."),
  ]

  static let whenConditions: [Describable] = {
    let comparator = ParameterSpec("comparator", .choice(["GLOB", "REGEXP", "EQUALS"]), "How the pattern is matched (default GLOB).")
    let pattern = ParameterSpec("pattern", .string, required: true, "The pattern to match.")
    return [
      Describable("allOf", block: true, plugin: plugin, "True when all nested conditions are true."),
      Describable("anyOf", block: true, plugin: plugin, "True when any nested condition is true."),
      Describable("not", block: true, plugin: plugin, "True when the single nested condition is false."),
      Describable("branch", [pattern, comparator], plugin: plugin, "True when the branch being built matches the pattern (BRANCH_NAME)."),
      Describable("buildingTag", plugin: plugin, "True when the build is for a tag (TAG_NAME is set)."),
      Describable(
        "changeRequest",
        ["id", "target", "branch", "fork", "url", "title", "author", "authorDisplayName", "authorEmail"].map { ParameterSpec($0, .string) } + [comparator],
        plugin: plugin, "True when the build is for a change request (CHANGE_ID is set) matching the given attributes."),
      Describable("changelog", [ParameterSpec("pattern", .string, required: true, "Regular expression.")], plugin: plugin, "True when a commit message of the build's changes matches the regular expression."),
      Describable(
        "changeset", [pattern, comparator, ParameterSpec("caseSensitive", .boolean)],
        plugin: plugin, "True when a file changed by the build's commits matches the pattern."),
      Describable(
        "environment", [ParameterSpec("name", .string, required: true), ParameterSpec("value", .string, required: true), ParameterSpec("ignoreCase", .boolean)],
        plugin: plugin, "True when the environment variable has the given value."),
      Describable("equals", [ParameterSpec("expected", .object, required: true), ParameterSpec("actual", .object, required: true)], plugin: plugin, "True when expected == actual (Groovy equality)."),
      Describable("expression", block: true, plugin: plugin, "True when the Groovy expression in the block is truthy."),
      Describable("isRestartedRun", plugin: plugin, "True when the build was restarted from a stage."),
      Describable("tag", [pattern, comparator], plugin: plugin, "True when building a tag matching the pattern."),
      Describable("triggeredBy", [ParameterSpec("cause", .string, required: true), ParameterSpec("detail", .string)], plugin: plugin, "True when a build cause matches (e.g. TimerTrigger, SCMTrigger, UserIdCause)."),
    ]
  }()
}

/// A section or directive of the declarative language (`stages`, `when`, `options`, …).
public struct SectionDescription: Sendable {
  /// Where a section may be written.
  public enum Place: String, Sendable, CaseIterable {
    case topLevel = "top level", pipeline, stage, stages, parallel, matrix, axes, excludes, exclude, input
  }
  public var name: String
  public var places: [Place]
  /// A short example of how it is written.
  public var syntax: String
  public var summary: String

  public init(_ name: String, in places: [Place], _ syntax: String, _ summary: String) {
    self.name = name
    self.places = places
    self.syntax = syntax
    self.summary = summary
  }
}
