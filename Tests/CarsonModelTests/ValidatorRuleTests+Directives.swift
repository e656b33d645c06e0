import CarsonModel
import CarsonSyntax
import Testing

// options, triggers, parameters, tools, libraries.

extension ValidatorRuleTests {
  @Suite struct Directives {
    /// A pipeline whose line 3 onwards is `directives`.
    func pipeline(_ directives: String) -> String {
      """
      pipeline {
        agent any
      \(directives)
        stages { stage('a') { steps { echo 'x' } } }
      }
      """
    }

    /// The `[a, b, …]` list at the end of a message, split into names.
    func listedNames(_ message: String) -> [String] {
      guard let open = message.lastIndex(of: "["), message.hasSuffix("]") else { return [] }
      return message[message.index(after: open)..<message.index(before: message.endIndex)]
        .split(separator: ",").map { String($0.filter { $0 != " " }) }
    }

    // MARK: Empty sections

    @Test func emptySectionsAreReportedOverTheWholeSection() {
      let text = pipeline(
        """
          options { }
          triggers { }
          parameters { }
          tools { }
          libraries { }
        """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.emptySection, "options can not be empty", (3, 3), (3, 14)),
          RuleDiagnostic(.emptySection, "triggers can not be empty", (4, 3), (4, 15)),
          RuleDiagnostic(.emptySection, "parameters can not be empty", (5, 3), (5, 17)),
          RuleDiagnostic(.noTools, "No tools specified", (6, 3), (6, 12)),
          RuleDiagnostic(.emptySection, "libraries can not be empty", (7, 3), (7, 16)),
        ])
      let fixed = pipeline(
        """
          options { timestamps() }
          triggers { cron('@daily') }
          parameters { string(name: 'A', defaultValue: 'x') }
          tools { maven 'm3' }
          libraries { lib('shared@1.0') }
        """)
      #expect(ruleDiagnostics(fixed) == [])
    }

    // MARK: options

    @Test func duplicateOptionIsReportedAtTheRepeat() {
      let text = pipeline("  options { skipDefaultCheckout(); skipDefaultCheckout(true) }")
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.duplicateOption, "Duplicate option name: \"skipDefaultCheckout\"", (3, 36), (3, 55))])
      #expect(ruleDiagnostics(pipeline("  options { skipDefaultCheckout(); timestamps() }")) == [])
    }

    @Test func parametersAndTriggersInOptionsKeepJenkinsCantSpelling() {
      let text = pipeline(
        """
          options {
            parameters([])
            pipelineTriggers([])
          }
        """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(
            .parametersOrTriggersInOptions,
            "The \"parameters\" job property cant be used in the \"options\" directive. Use the \"parameters {...}\" directive instead.", (4, 5),
            (4, 15)),
          RuleDiagnostic(
            .parametersOrTriggersInOptions,
            "The \"triggers\" job property cant be used in the \"options\" directive. Use the \"triggers {...}\" directive instead.", (5, 5), (5, 21)),
        ])
      let fixed = pipeline(
        """
          parameters { string(name: 'A') }
          triggers { pollSCM('H/5 * * * *') }
        """)
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func unknownPipelineOptionListsAllOptionTypes() throws {
      let diagnostics = ruleDiagnostics(pipeline("  options { banana() }"))
      #expect(diagnostics.count == 1)
      let found = try #require(diagnostics.first)
      #expect(found.id == .invalidSectionType)
      #expect(found.message.hasPrefix("Invalid option type \"banana\". Valid option types: ["))
      #expect(found.start == .init(line: 3, column: 13))
      #expect(found.end == .init(line: 3, column: 19))
      let names = listedNames(found.message)
      #expect(names == names.sorted())
      #expect(Set(names) == Set(Catalogue.standard.options.keys))
      for name in ["buildDiscarder", "skipStagesAfterUnstable", "timeout", "skipDefaultCheckout", "disableConcurrentBuilds"] {
        #expect(names.contains(name))
      }
      #expect(ruleDiagnostics(pipeline("  options { disableConcurrentBuilds() }")) == [])
    }

    @Test func stageOptionsListOnlyTheStageAllowedTypes() throws {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              options { skipStagesAfterUnstable(); buildDiscarder(logRotator()); echo('x') }
              steps { echo 'x' }
            }
          }
        }
        """
      let diagnostics = ruleDiagnostics(text)
      #expect(diagnostics.map(\.id) == [.invalidSectionType, .invalidSectionType, .invalidSectionType])
      #expect(diagnostics.map(\.start) == [.init(line: 5, column: 17), .init(line: 5, column: 44), .init(line: 5, column: 74)])
      #expect(diagnostics.map(\.end) == [.init(line: 5, column: 40), .init(line: 5, column: 58), .init(line: 5, column: 78)])
      for (diagnostic, name) in zip(diagnostics, ["skipStagesAfterUnstable", "buildDiscarder", "echo"]) {
        #expect(diagnostic.message.hasPrefix("Invalid option type \"\(name)\". Valid option types: ["))
        let names = listedNames(diagnostic.message)
        #expect(names == names.sorted())
        #expect(Set(names) == Set(Catalogue.standard.options.values.filter(\.allowedInStage).map(\.describable.name)))
        for stageOption in ["timeout", "retry", "timestamps", "skipDefaultCheckout", "checkoutToSubdirectory"] {
          #expect(names.contains(stageOption))
        }
        for pipelineOnly in ["buildDiscarder", "skipStagesAfterUnstable", "disableConcurrentBuilds", "preserveStashes", "quietPeriod", "parallelsAlwaysFailFast"] {
          #expect(!names.contains(pipelineOnly))
        }
      }
      let fixed = """
        pipeline {
          agent any
          options { skipStagesAfterUnstable(); buildDiscarder(logRotator(numToKeepStr: '5')) }
          stages {
            stage('a') {
              options { timeout(time: 5, unit: 'MINUTES'); retry(2); skipDefaultCheckout() }
              steps { echo 'x' }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func optionEntriesMustBePlainCallsWithoutBlocks() {
      let text = pipeline(
        """
          options {
            timeout(time: 1, unit: 'HOURS') { echo 'x' }
            [a: 1]
            def x = 1
            timestamps()
          }
        """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.cannotHaveBlocks, "Options definitions cannot have blocks", (4, 5), (4, 12)),
          RuleDiagnostic(.mapNotAllowed, "Options cannot be defined as maps", (5, 5), (5, 11)),
          RuleDiagnostic(.expectedOption, "Expected an option", (6, 5), (6, 14)),
        ])
      #expect(ruleDiagnostics(pipeline("  options {\n    timeout(time: 1, unit: 'HOURS')\n    timestamps()\n  }")) == [])
    }

    @Test func preserveStashesCountMustBeBetweenOneAndFifty() {
      let text = pipeline("  options { preserveStashes(buildCount: 51) }")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.preserveStashesCount, "The number of builds to preserve must be between 1 and 50.", (3, 41), (3, 43))
        ])
      #expect(
        ruleDiagnostics(pipeline("  options { preserveStashes(0) }")) == [
          RuleDiagnostic(.preserveStashesCount, "The number of builds to preserve must be between 1 and 50.", (3, 29), (3, 30))
        ])
      #expect(ruleDiagnostics(pipeline("  options { preserveStashes(buildCount: 50) }")) == [])
      #expect(ruleDiagnostics(pipeline("  options { preserveStashes() }")) == [])
    }

    @Test func optionArgumentsAreCheckedLikeSteps() {
      let text = pipeline(
        """
          options {
            buildDiscarder(logRotator(numToKeepStr: '1'), 'x')
            timeout(tim: 1)
            disableConcurrentBuilds(abortPrevious: 'yes')
          }
        """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.wrongArgumentCount, "\"buildDiscarder\" should have 1 arguments but has 2 arguments instead.", (4, 5), (4, 19)),
          RuleDiagnostic(.invalidParameterName, "Invalid parameter \"tim\", did you mean \"time\"?", (5, 13), (5, 16)),
          RuleDiagnostic(
            .invalidParameterType, "Expecting \"boolean\" for parameter \"abortPrevious\" but got \"yes\" of type class java.lang.String instead",
            (6, 44), (6, 49)),
        ])
      let fixed = pipeline(
        """
          options {
            buildDiscarder(logRotator(numToKeepStr: '1'))
            timeout(time: 1)
            disableConcurrentBuilds(abortPrevious: true)
          }
        """)
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func nodeAsAMethodArgumentIsBlocked() {
      let text = pipeline("  options { quietPeriod(node('x')) }")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(
            .blockedStep,
            "Invalid step \"node\" used - not allowed in this context - The node step cannot be called as an argument to a method in Declarative Pipelines",
            (3, 25), (3, 29))
        ])
      #expect(ruleDiagnostics(pipeline("  options { quietPeriod(30) }")) == [])
    }

    // MARK: triggers

    @Test func triggerRulesMirrorOptionRules() {
      let text = pipeline(
        """
          triggers {
            cron('H * * * *')
            cron('@daily')
            pollSCM('x') { }
            [cron: 'x']
            'x'
          }
        """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.duplicateTrigger, "Duplicate trigger name: \"cron\"", (5, 5), (5, 9)),
          RuleDiagnostic(.cannotHaveBlocks, "Triggers definitions cannot have blocks", (6, 5), (6, 12)),
          RuleDiagnostic(.mapNotAllowed, "Triggers cannot be defined as maps", (7, 5), (7, 16)),
          RuleDiagnostic(.expectedTrigger, "Expected a trigger", (8, 5), (8, 8)),
        ])
      #expect(ruleDiagnostics(pipeline("  triggers {\n    cron('H * * * *')\n    pollSCM('x')\n  }")) == [])
    }

    @Test func unknownTriggerListsTheTriggerTypes() throws {
      let found = try #require(ruleDiagnostics(pipeline("  triggers { banana() }")).first)
      #expect(found.id == .invalidSectionType)
      #expect(found.message.hasPrefix("Invalid trigger type \"banana\". Valid trigger types: ["))
      #expect(Set(listedNames(found.message)) == Set(Catalogue.standard.triggers.keys))
      #expect(listedNames(found.message).contains("cron"))
      #expect(found.start == .init(line: 3, column: 14))
      #expect(found.end == .init(line: 3, column: 20))
      #expect(ruleDiagnostics(pipeline("  triggers { githubPush() }")) == [])
    }

    @Test func positionalTriggerWithoutItsRequiredArgumentHasTheWrongCount() {
      #expect(
        ruleDiagnostics(pipeline("  triggers { cron() }")) == [
          RuleDiagnostic(.wrongArgumentCount, "\"cron\" should have 1 arguments but has 0 arguments instead.", (3, 14), (3, 18))
        ])
      #expect(ruleDiagnostics(pipeline("  triggers { cron('@daily') }")) == [])
    }

    @Test func unknownTriggerParameterSuggestsTheNearestOne() {
      #expect(
        ruleDiagnostics(pipeline("  triggers { upstream(upstreamWhat: 'x') }")) == [
          RuleDiagnostic(.invalidParameterName, "Invalid parameter \"upstreamWhat\", did you mean \"upstreamProjects\"?", (3, 23), (3, 35))
        ])
      #expect(ruleDiagnostics(pipeline("  triggers { upstream(upstreamProjects: 'x') }")) == [])
    }

    @Test func propertiesStepAsATriggerArgumentIsBlocked() {
      #expect(
        ruleDiagnostics(pipeline("  triggers { cron(spec: properties([])) }")) == [
          RuleDiagnostic(
            .blockedStep,
            "Invalid step \"properties\" used - not allowed in this context - The properties step cannot be used in Declarative Pipelines",
            (3, 25), (3, 35))
        ])
      #expect(ruleDiagnostics(pipeline("  triggers { cron(spec: '@daily') }")) == [])
    }

    @Test func closureAsAMethodCallArgumentIsRejected() {
      let text = pipeline("  triggers { cron(foo { -> return '@daily' }) }")
      #expect(ruleDiagnostics(text).map(\.id) == [.closureAsArgument])
      #expect(ruleDiagnostics(text).map(\.start) == [.init(line: 3, column: 19)])
      // Jenkins reports `Messages.ModelParser_MethodCallWithClosure()` on its own.
            #expect(ruleDiagnostics(text) == [RuleDiagnostic(.closureAsArgument, "Method call arguments", (3, 19), (3, 22))])
      #expect(ruleDiagnostics(pipeline("  triggers { cron('@daily') }")) == [])
    }

    // MARK: parameters

    @Test func parameterRules() {
      let text = pipeline(
        """
          parameters {
            string(namd: 'A')
            string(name: 1234)
            booleanParam(name: 'B') { }
            [a: 1]
            x = 1
            string('a', 'b', 'c', 'd', 'e')
          }
        """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.invalidParameterName, "Invalid parameter \"namd\", did you mean \"name\"?", (4, 12), (4, 16)),
          RuleDiagnostic(
            .invalidParameterType, "Expecting \"class java.lang.String\" for parameter \"name\" but got \"1234\" of type class java.lang.Integer instead",
            (5, 18), (5, 22)),
          RuleDiagnostic(.cannotHaveBlocks, "Build parameters definitions cannot have blocks", (6, 5), (6, 17)),
          RuleDiagnostic(.mapNotAllowed, "Build parameters cannot be defined as maps", (7, 5), (7, 11)),
          RuleDiagnostic(.expectedParameter, "Expected a build parameter definition", (8, 5), (8, 10)),
          RuleDiagnostic(.wrongArgumentCount, "\"string\" should have 1 arguments but has 5 arguments instead.", (9, 5), (9, 11)),
        ])
      let fixed = pipeline("  parameters { string(name: 'A'); booleanParam(name: 'B', defaultValue: true) }")
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func unknownParameterTypeListsTheParameterTypes() throws {
      let found = try #require(ruleDiagnostics(pipeline("  parameters { bananaParam(name: 'x') }")).first)
      #expect(found.id == .invalidSectionType)
      #expect(found.message.hasPrefix("Invalid parameter type \"bananaParam\". Valid parameter types: ["))
      #expect(Set(listedNames(found.message)) == Set(Catalogue.standard.parameters.keys))
      #expect(found.start == .init(line: 3, column: 16))
      #expect(found.end == .init(line: 3, column: 27))
      #expect(ruleDiagnostics(pipeline("  parameters { choice(name: 'x', choices: ['a', 'b']) }")) == [])
    }

    // MARK: tools

    @Test func toolEntryRules() {
      let text = pipeline(
        """
          tools {
            maven 'm'
            jdk()
            gradle 'a', 'b'
            ant
          }
        """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedTool, "No argument for tool \"jdk\"", (5, 5), (5, 8)),
          RuleDiagnostic(.tooManyArguments, "Too many arguments for tool \"gradle\"", (6, 5), (6, 11)),
          RuleDiagnostic(.expectedTool, "Expected to find ‘someTool \"someVersion\"’", (7, 5), (7, 8)),
        ])
      #expect(ruleDiagnostics(pipeline("  tools {\n    maven 'm'\n    jdk '17'\n    gradle 'a'\n    ant 'default'\n  }")) == [])
    }

    @Test func unknownToolTypeListsTheToolTypes() throws {
      let found = try #require(ruleDiagnostics(pipeline("  tools { banana 'x' }")).first)
      #expect(found.id == .invalidSectionType)
      #expect(found.message.hasPrefix("Invalid tool type \"banana\". Valid tool types: ["))
      #expect(Set(listedNames(found.message)) == Set(Catalogue.standard.tools.keys))
      #expect(found.start == .init(line: 3, column: 11))
      #expect(found.end == .init(line: 3, column: 17))
      #expect(ruleDiagnostics(pipeline("  tools { nodejs 'x' }")) == [])
    }

    @Test func toolNotInstalledSuggestsTheNearestInstallation() {
      let text = pipeline("  tools { maven 'apache-maven-3.0.2'; jdk 'jdk8' }")
      let installed = ["maven": ["apache-maven-3.0.1", "apache-maven-3.5.0"]]
      // Without a list of installations the check is off.
      #expect(ruleDiagnostics(text) == [])
      // Tool types with no known installations (jdk here) are not checked.
      #expect(
        ruleDiagnostics(text, installedTools: installed) == [
          RuleDiagnostic(
            .toolNotInstalled, "Tool type \"maven\" does not have an install of \"apache-maven-3.0.2\" configured - did you mean \"apache-maven-3.0.1\"?",
            (3, 17), (3, 37))
        ])
      #expect(ruleDiagnostics(pipeline("  tools { maven 'apache-maven-3.5.0' }"), installedTools: installed) == [])
    }

    // MARK: libraries

    @Test func libraryEntryMustBeLibWithOneString() {
      let text = pipeline(
        """
          libraries {
            lib('ok@1.0')
            "oh hi there"
            foo('bar')
            1 + 2
            lib(name: 'x')
          }
        """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedLibrary, "Expected a \"lib(...)\" but got \"oh hi there\"", (5, 5), (5, 18)),
          RuleDiagnostic(.expectedLibrary, "Expected a \"lib(...)\" but got foo('bar')", (6, 5), (6, 15)),
          RuleDiagnostic(.expectedLibrary, "Expected a \"lib(...)\" but got 1 + 2", (7, 5), (7, 10)),
          RuleDiagnostic(.expectedLibrary, "Expected a \"lib(...)\" but got lib(name: 'x')", (8, 5), (8, 19)),
        ])
      #expect(ruleDiagnostics(pipeline("  libraries {\n    lib('ok@1.0')\n    lib(\"other@${version}\")\n  }")) == [])
    }

    @Test func libWithABlockCannotHaveBlocks() {
      // Jenkins' parseLibraries: `lib(...) { }` is "Libraries definitions cannot have blocks".
      let text = pipeline("  libraries { lib('ok@1'); lib('a@1') { } }")
            #expect(ruleDiagnostics(text) == [RuleDiagnostic(.cannotHaveBlocks, "Libraries definitions cannot have blocks", (3, 28), (3, 31))])
      #expect(ruleDiagnostics(pipeline("  libraries { lib('ok@1'); lib('a@1') }")) == [])
    }
  }
}
