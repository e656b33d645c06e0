import CarsonModel
import CarsonSyntax
import Testing

// agent: its forms, types and options.

extension ValidatorRuleTests {
  @Suite struct Agent {
    /// A pipeline whose line 2 is `agent`.
    func pipeline(agent: String) -> String {
      """
      pipeline {
        \(agent)
        stages { stage('a') { steps { echo 'x' } } }
      }
      """
    }

    @Test func agentAnyNoneAndBlockFormsAreAccepted() throws {
      for agent in [
        "agent any", "agent none", "agent { label 'linux' }", "agent { docker 'maven:3' }",
        "agent { docker { image 'maven:3'; args '-v /tmp:/tmp' } }", "agent { docker image: 'x', args: 'y' }",
        "agent { dockerfile true }", "agent { node { label 'x'; customWorkspace 'y' } }",
        "agent { kubernetes { yaml 'x'; cloud 'c' } }", "agent { docker { image = 'x' } }",
      ] {
        #expect(ruleDiagnostics(pipeline(agent: agent)) == [], "\(agent)")
      }
      let any = try #require(ruleLint(pipeline(agent: "agent any")).pipeline?.agent)
      #expect(any.type == "any")
    }

    @Test func emptyLabelBecomesAgentAnyWithoutError() throws {
      let text = pipeline(agent: "agent { label '' }")
      #expect(ruleDiagnostics(text) == [])
      #expect(try #require(ruleLint(text).pipeline?.agent).type == "any")
      #expect(try #require(ruleLint(pipeline(agent: "agent { label 'x' }")).pipeline?.agent).type == "label")
    }

    @Test func labelBlockIsTheNodeAgent() throws {
      let text = pipeline(agent: "agent { label { label 'x'; customWorkspace 'y' } }")
      #expect(ruleDiagnostics(text) == [])
      #expect(try #require(ruleLint(text).pipeline?.agent).type == "node")
    }

    @Test func bareAgentTypeOtherThanAnyOrNoneIsRejected() {
      #expect(
        ruleDiagnostics(pipeline(agent: "agent foo")) == [
          RuleDiagnostic(.invalidAgent, "Only \"agent none\", \"agent any\" or \"agent {...}\" are allowed.", (2, 3), (2, 12))
        ])
      #expect(
        ruleDiagnostics(pipeline(agent: "agent any, none")) == [
          RuleDiagnostic(.invalidAgent, "Only \"agent none\", \"agent any\" or \"agent {...}\" are allowed.", (2, 3), (2, 18))
        ])
      #expect(
        ruleDiagnostics(pipeline(agent: "agent label: 'x'")) == [
          RuleDiagnostic(.invalidAgent, "Only \"agent none\", \"agent any\" or \"agent {...}\" are allowed.", (2, 3), (2, 19))
        ])
      #expect(ruleDiagnostics(pipeline(agent: "agent { label 'x' }")) == [])
    }

    @Test func agentCallWithoutArgumentHasNoArgumentForAgent() {
      #expect(ruleDiagnostics(pipeline(agent: "agent()")) == [RuleDiagnostic(.noArgForAgent, "No argument for agent", (2, 3), (2, 8))])
      #expect(ruleDiagnostics(pipeline(agent: "agent(any)")) == [])
    }

    @Test func emptyAgentBlockHasNoAgentTypeListingTheTypes() {
      #expect(
        ruleDiagnostics(pipeline(agent: "agent { }")) == [
          RuleDiagnostic(.noAgentType, "No agent type specified. Must be one of \(agentTypeList)", (2, 3), (2, 12))
        ])
      #expect(ruleDiagnostics(pipeline(agent: "agent { label 'linux' }")) == [])
    }

    @Test func secondAgentTypeInTheBlockIsReportedAtIt() {
      #expect(
        ruleDiagnostics(pipeline(agent: "agent { label 'a'; docker 'b' }")) == [
          RuleDiagnostic(.oneAgentMax, "Only one agent type is allowed per agent section", (2, 22), (2, 32))
        ])
      #expect(ruleDiagnostics(pipeline(agent: "agent { docker { image 'b'; label 'a' } }")) == [])
    }

    @Test func agentBlockContentThatIsNotATypeCallIsNotAnAgent() {
      #expect(ruleDiagnostics(pipeline(agent: "agent { 'x' }")) == [RuleDiagnostic(.expectedAgent, "Expected an agent", (2, 11), (2, 14))])
      #expect(ruleDiagnostics(pipeline(agent: "agent { any }")) == [RuleDiagnostic(.expectedAgent, "Expected an agent", (2, 11), (2, 14))])
      #expect(ruleDiagnostics(pipeline(agent: "agent { label 'x' }")) == [])
    }

    @Test func unknownAgentTypeIsReportedAtTheTypeName() {
      #expect(
        ruleDiagnostics(pipeline(agent: "agent { banana 'x' }")) == [
          RuleDiagnostic(.invalidAgentType, "Invalid agent type \"banana\" specified. Must be one of \(agentTypeList)", (2, 11), (2, 17))
        ])
      #expect(ruleDiagnostics(pipeline(agent: "agent { kubernetes { yaml 'x' } }")) == [])
    }

    @Test func dockerBlockWithoutImageMissesTheRequiredParameter() {
      #expect(
        ruleDiagnostics(pipeline(agent: "agent { docker { args '-v x' } }")) == [
          RuleDiagnostic(.missingAgentParameter, "Missing required parameter for agent type \"docker\": image", (2, 11), (2, 17))
        ])
      #expect(ruleDiagnostics(pipeline(agent: "agent { docker { image 'x'; args '-v x' } }")) == [])
    }

    @Test func unknownAgentOptionListsTheValidOnes() {
      #expect(
        ruleDiagnostics(pipeline(agent: "agent { docker { image 'x'; fruit 'apple' } }")) == [
          RuleDiagnostic(
            .invalidAgentParameter,
            "Invalid config option \"fruit\" for agent type \"docker\". Valid config options are [image, args, alwaysPull, label, customWorkspace, registryUrl, registryCredentialsId, reuseNode, containerPerStageRoot]",
            (2, 31), (2, 36))
        ])
      #expect(
        ruleDiagnostics(pipeline(agent: "agent { node { label 'x'; banana 1 } }")) == [
          RuleDiagnostic(
            .invalidAgentParameter, "Invalid config option \"banana\" for agent type \"node\". Valid config options are [label, customWorkspace, retries]",
            (2, 29), (2, 35))
        ])
      #expect(ruleDiagnostics(pipeline(agent: "agent { docker { image 'x'; alwaysPull true; reuseNode true } }")) == [])
    }

    @Test func agentOptionWithoutValueOrWithSeveralIsReportedAtTheKey() {
      // The option cannot be read, so "image" is also missing.
      #expect(
        ruleDiagnostics(pipeline(agent: "agent { docker { image } }")) == [
          RuleDiagnostic(.missingAgentParameter, "Missing required parameter for agent type \"docker\": image", (2, 11), (2, 17)),
          RuleDiagnostic(.expectedMapMethod, "Expected to find ‘someKey \"someValue\"’", (2, 20), (2, 25)),
        ])
      #expect(
        ruleDiagnostics(pipeline(agent: "agent { docker { image() } }")) == [
          RuleDiagnostic(.missingAgentParameter, "Missing required parameter for agent type \"docker\": image", (2, 11), (2, 17)),
          RuleDiagnostic(.noArgForAgent, "No argument for map key \"image\"", (2, 20), (2, 25)),
        ])
      #expect(
        ruleDiagnostics(pipeline(agent: "agent { docker { image 'a', 'b' } }")) == [
          RuleDiagnostic(.missingAgentParameter, "Missing required parameter for agent type \"docker\": image", (2, 11), (2, 17)),
          RuleDiagnostic(.tooManyArguments, "Too many arguments for map key \"image\"", (2, 20), (2, 25)),
        ])
      #expect(ruleDiagnostics(pipeline(agent: "agent { docker { image 'a' } }")) == [])
    }

    @Test func agentOptionThatIsNotKeyValueUsesJenkinsCurlyQuotes() {
      #expect(
        ruleDiagnostics(pipeline(agent: "agent { docker { image 'x'; 'y' } }")) == [
          RuleDiagnostic(.expectedMapMethod, "Expected to find ‘someKey \"someValue\"’", (2, 31), (2, 34))
        ])
      #expect(
        ruleDiagnostics(pipeline(agent: "agent { docker image: 'x', 'y' }")) == [
          RuleDiagnostic(.expectedMapMethod, "Expected to find ‘someKey \"someValue\"’", (2, 30), (2, 33))
        ])
      #expect(ruleDiagnostics(pipeline(agent: "agent { docker { image 'x'; args 'y' } }")) == [])
    }

    @Test func stageAgentIsValidatedLikeThePipelineAgent() {
      let text = """
        pipeline {
          agent none
          stages {
            stage('a') {
              agent { dockerfile { fruit 'x' } }
              steps { echo 'x' }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(
            .invalidAgentParameter,
            "Invalid config option \"fruit\" for agent type \"dockerfile\". Valid config options are [filename, dir, additionalBuildArgs, label, args, customWorkspace, reuseNode, registryUrl, registryCredentialsId, containerPerStageRoot]",
            (5, 28), (5, 33))
        ])
      let fixed = """
        pipeline {
          agent none
          stages {
            stage('a') {
              agent { dockerfile { filename 'Dockerfile.ci' } }
              steps { echo 'x' }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }
  }
}
