import CarsonEngine
import Foundation
import Testing

/// Docker agents on the real engine: every form and level, workspaces, environment,
/// credentials, failures. Each run must leave no container behind (checked by
/// `runDockerPipeline`).
@Suite struct DockerAgentTests {
  let image = DockerTestEngine.image

  @Test func pipelineLevelDockerAgentRunsStepsInTheContainer() throws {
    if DockerTestEngine.skip(#function) { return }
    let run = try runDockerPipeline("""
      pipeline {
        agent { docker { image '\(image)'; args '-e FROM_ARGS=yes' } }
        stages { stage('A') { steps {
          sh 'test -f /.dockerenv && echo "in a container, FROM_ARGS=$FROM_ARGS"'
          sh 'echo "uid=$(id -u) pwd=$(pwd)"'
        } } }
      }
      """)
    #expect(run.result == .success, "\(run.plain)")
    #expect(run.plain.contains("in a container, FROM_ARGS=yes"))
    #expect(run.plain.contains("uid=\(getuid()) pwd="))
    #expect(run.plain.contains("$ docker run -t -d -u \(getuid()):\(getgid()) -e FROM_ARGS=yes"))
  }

  @Test func shortFormStageLevelAndHostStagesShareTheWorkspace() throws {
    if DockerTestEngine.skip(#function) { return }
    let run = try runDockerPipeline("""
      pipeline {
        agent any
        stages {
          stage('Host writes') { steps { sh 'echo from-host > host.txt' } }
          stage('Container reads and writes') {
            agent { docker { image '\(image)'; reuseNode true } }
            steps { sh 'cat host.txt; test -f /.dockerenv; echo from-container > container.txt' }
          }
          stage('Host reads') { steps { sh 'cat container.txt' } }
          stage('Short form') {
            agent { docker '\(image)' }
            steps { sh 'test -f /.dockerenv && test -f Jenkinsfile && test ! -f host.txt && echo fresh workspace' }
          }
        }
      }
      """)
    #expect(run.result == .success, "\(run.plain)")
    for line in ["[Container reads and writes] from-host", "[Host reads] from-container", "[Short form] fresh workspace"] {
      #expect(run.plain.contains(line))
    }
  }

  @Test func environmentAndCredentialsReachTheContainerMasked() throws {
    if DockerTestEngine.skip(#function) { return }
    let secret = "docker-secret-\(UInt32.random(in: 0...UInt32.max))"
    let run = try runDockerPipeline("""
      pipeline {
        agent { docker '\(image)' }
        environment { TOKEN = credentials('token'); PLAIN = 'plain-value' }
        stages { stage('A') {
          environment { STAGE_VAR = "stage-${PLAIN}" }
          steps {
            sh 'echo "plain=$PLAIN stage=$STAGE_VAR token=$TOKEN job=$JOB_NAME"'
            withEnv(['EXTRA=extra-value']) { sh 'echo "extra=$EXTRA"' }
            sh 'test "$HOME" != "\(NSHomeDirectory())-not-the-host" && echo "path=$PATH"'
          }
        } }
      }
      """, configure: { $0.credentials = CredentialStore(["token": .secretText(secret)]) })
    #expect(run.result == .success, "\(run.plain)")
    #expect(run.plain.contains("plain=plain-value stage=stage-plain-value token=**** job=test"))
    #expect(run.plain.contains("extra=extra-value"))
    // The image's PATH, not this machine's.
    #expect(run.plain.contains("path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"))
    #expect(!run.everything.contains(secret))
  }

  @Test func secretsAreNeverInDockerInspectOrProcessArguments() throws {
    if DockerTestEngine.skip(#function) { return }
    let secret = "inspect-secret-\(UInt32.random(in: 0...UInt32.max))"
    let inspected = StringOutput()
    let processes = StringOutput()
    let run = try runDockerPipeline("""
      pipeline {
        agent { docker '\(image)' }
        environment { TOKEN = credentials('token') }
        stages { stage('A') { steps {
          sh "echo using ${TOKEN}; touch started; sleep 2"
        } } }
      }
      """, configure: { $0.credentials = CredentialStore(["token": .secretText(secret)]) }, started: { run in
        DispatchQueue.global().async {
          // While the step sleeps: every container of the run, and every process on the machine.
          let deadline = Date().addingTimeInterval(20)
          while Date() < deadline, DockerTestEngine.carsonContainers(run: run.runID).isEmpty { usleep(50_000) }
          usleep(800_000)
          for id in DockerTestEngine.carsonContainers(run: run.runID) {
            inspected.write((try? DockerTestEngine.shell(["docker", "inspect", id])) ?? "")
          }
          processes.write((try? DockerTestEngine.shell(["ps", "-eo", "args"])) ?? "")
        }
      })
    #expect(run.result == .success, "\(run.plain)")
    #expect(inspected.text.contains("carson.run"))
    #expect(!inspected.text.contains(secret))
    #expect(processes.text.contains("sleep 2") || processes.text.contains("sh -xe"))
    #expect(!processes.text.contains(secret))
    #expect(!run.everything.contains(secret))
  }

  @Test func withoutTheShimEveryStepIsADockerExec() throws {
    if DockerTestEngine.skip(#function) { return }
    let run = try runDockerPipeline("""
      pipeline {
        agent { docker '\(image)' }
        environment { GREETING = 'hi there' }
        stages { stage('A') { steps {
          sh 'echo "$GREETING from $(cat /etc/passwd | head -1 | cut -d: -f1)"; echo to-stderr >&2'
          script { echo "status ${sh(script: 'exit 3', returnStatus: true)}" }
        } } }
      }
      """, shim: false)
    #expect(run.result == .success, "\(run.plain)")
    #expect(run.plain.contains("hi there from root"))
    #expect(run.plain.contains("to-stderr"))
    #expect(run.plain.contains("status 3"))
  }

  @Test func parallelBranchesAndMatrixCellsGetTheirOwnContainers() throws {
    if DockerTestEngine.skip(#function) { return }
    let run = try runDockerPipeline("""
      pipeline {
        agent none
        stages {
          stage('P') {
            parallel {
              stage('one') { agent { docker '\(image)' }; steps { sh 'echo "one in $(hostname)"' } }
              stage('two') { agent { docker '\(image)' }; steps { sh 'echo "two in $(hostname)"' } }
            }
          }
          stage('M') {
            matrix {
              agent { docker '\(image)' }
              axes { axis { name 'N'; values '1', '2' } }
              stages { stage('cell') { steps { sh 'echo "cell $N in $(hostname)"' } } }
            }
          }
        }
      }
      """)
    #expect(run.result == .success, "\(run.plain)")
    func host(_ prefix: String) -> String? {
      run.plain.split(separator: "\n").first { $0.contains(prefix) && !$0.contains("+ echo") }.map { String($0.split(separator: " ").last ?? "") }
    }
    let hosts = ["one in", "two in", "cell 1 in", "cell 2 in"].compactMap(host)
    #expect(hosts.count == 4)
    #expect(Set(hosts).count == 4, "each branch and cell has its own container: \(hosts)")
  }

  @Test func dockerfileAgentBuildsAndReusesItsImage() throws {
    if DockerTestEngine.skip(#function) { return }
    let jenkinsfile = """
      pipeline {
        agent { dockerfile { filename 'Dockerfile.ci'; dir 'build'; additionalBuildArgs '--build-arg GREETING=built-with-arg' } }
        stages { stage('A') { steps { sh 'cat /greeting' } } }
      }
      """
    let files = ["build/Dockerfile.ci": "FROM \(image)\nARG GREETING=default\nRUN echo \"$GREETING\" > /greeting\n"]
    let scratch = Scratch()
    let first = try runDockerPipeline(jenkinsfile, scratch: scratch, files: files)
    #expect(first.result == .success, "\(first.plain)")
    #expect(first.plain.contains("built-with-arg"))
    #expect(first.plain.contains("Declarative: Agent Setup"))
    let buildLine = first.plain.split(separator: "\n").first { $0.contains("+ docker build -t ") } ?? ""
    let tag = buildLine.components(separatedBy: "+ docker build -t ").last?.split(separator: " ").first.map(String.init) ?? ""
    #expect(tag.count == 40)
    let imageID = try DockerTestEngine.shell(["docker", "image", "inspect", "--format", "{{.Id}}", tag])
    let second = try runDockerPipeline(jenkinsfile, scratch: scratch, files: files)
    #expect(second.result == .success)
    #expect(second.plain.contains("+ docker build -t \(tag) "))
    #expect(try DockerTestEngine.shell(["docker", "image", "inspect", "--format", "{{.Id}}", tag]) == imageID, "the same inputs reuse the image")
  }

  @Test func insideAndWithRunInScript() throws {
    if DockerTestEngine.skip(#function) { return }
    let run = try runDockerPipeline("""
      pipeline {
        agent any
        stages { stage('A') { steps { script {
          docker.image('\(image)').inside('-e INSIDE=1') {
            sh 'test -f /.dockerenv && echo "inside INSIDE=$INSIDE"'
          }
          docker.image('\(image)').withRun('', 'sleep 60') { c ->
            echo "sidecar ${c.id.length() > 10}"
            sh "docker exec ${c.id} echo from-sidecar"
          }
          echo "image: ${docker.image('\(image)').imageName()}"
        } } } }
      }
      """)
    #expect(run.result == .success, "\(run.plain)")
    for line in ["inside INSIDE=1", "sidecar true", "from-sidecar", "image: \(image)"] { #expect(run.plain.contains(line)) }
  }

  @Test func aFailingStepInAContainerFailsTheStageAndPostRuns() throws {
    if DockerTestEngine.skip(#function) { return }
    let run = try runDockerPipeline("""
      pipeline {
        agent { docker '\(image)' }
        stages { stage('A') { steps { sh 'echo before; exit 7' } } }
        post { failure { echo 'post failure ran' }; always { sh 'echo post always in container' } }
      }
      """)
    #expect(run.result == .failure)
    #expect(run.plain.contains("script returned exit code 7"))
    #expect(run.plain.contains("post failure ran"))
    #expect(run.plain.contains("post always in container"))
  }

  @Test func aMissingImageIsAClearErrorNamingImageAndStage() throws {
    if DockerTestEngine.skip(#function) { return }
    let run = try runDockerPipeline("""
      pipeline {
        agent none
        stages { stage('Needs image') { agent { docker 'carson-test/no-such-image:1.0' }; steps { echo 'never' } } }
        post { always { echo 'post ran' } }
      }
      """)
    #expect(run.result == .failure)
    #expect(run.plain.contains("carson-test/no-such-image:1.0"))
    #expect(run.plain.contains("Stage Needs image: FAILURE"))
    #expect(run.plain.contains("post ran"))
    #expect(!run.plain.contains("never"))
  }

  @Test func alwaysPullWithoutARegistryFailsNamingTheImageAndStage() throws {
    if DockerTestEngine.skip(#function) { return }
    // The image is on this machine, but alwaysPull asks the registry, which is not reachable.
    let run = try runDockerPipeline("""
      pipeline {
        agent none
        stages {
          stage('Fresh image') {
            agent { docker { image 'carson-test/always-pull-\(UInt32.random(in: 0...UInt32.max)):1'; alwaysPull true } }
            steps { echo 'never' }
          }
        }
      }
      """)
    #expect(run.result == .failure)
    #expect(run.plain.contains("[Fresh image] + docker pull carson-test/always-pull-"))
    #expect(run.plain.contains("cannot pull image 'carson-test/always-pull-"))
    #expect(run.plain.contains("Stage Fresh image: FAILURE"))
  }

  @Test func noEngineIsAClearErrorBeforeAnyStage() throws {
    if DockerTestEngine.skip(#function) { return }
    let run = try runDockerPipeline("""
      pipeline {
        agent none
        stages {
          stage('Host') { agent any; steps { echo 'host stage ran' } }
          stage('Docker') { agent { docker '\(image)' }; steps { echo 'never' } }
        }
      }
      """, configure: { $0.processEnvironment["DOCKER_HOST"] = "unix:///nonexistent/docker.sock" })
    #expect(run.result == .failure)
    #expect(run.plain.contains("this pipeline has Docker agents, but the Docker engine at unix:///nonexistent/docker.sock is not answering"))
    #expect(!run.plain.contains("host stage ran"))
  }

  @Test func aContainerKilledMidStepFailsTheBuildAndPostRuns() throws {
    if DockerTestEngine.skip(#function) { return }
    let run = try runDockerPipeline("""
      pipeline {
        agent none
        stages { stage('A') { agent { docker '\(image)' }; steps { sh 'touch started; sleep 30' } } }
        post { always { echo 'post ran after the kill' } }
      }
      """, started: { run in
        DispatchQueue.global().async {
          let deadline = Date().addingTimeInterval(20)
          while Date() < deadline, DockerTestEngine.carsonContainers(run: run.runID).isEmpty { usleep(50_000) }
          usleep(1_000_000)
          for id in DockerTestEngine.carsonContainers(run: run.runID) { _ = try? DockerTestEngine.shell(["docker", "kill", id]) }
        }
      })
    #expect(run.result == .failure)
    #expect(run.plain.contains("the container stopped while the step was running"))
    #expect(run.plain.contains("post ran after the kill"))
  }

  @Test func abortMidStepRemovesTheContainer() throws {
    if DockerTestEngine.skip(#function) { return }
    let started = Date()
    let run = try runDockerPipeline("""
      pipeline {
        agent { docker '\(image)' }
        stages { stage('A') { steps { sh 'sleep 30' } } }
        post { aborted { echo 'aborted post ran' } }
      }
      """, started: { run in
        DispatchQueue.global().async {
          let deadline = Date().addingTimeInterval(20)
          while Date() < deadline, DockerTestEngine.carsonContainers(run: run.runID).isEmpty { usleep(50_000) }
          usleep(1_000_000)
          run.abort()
        }
      })
    #expect(run.result == .aborted)
    #expect(run.plain.contains("aborted post ran"))
    #expect(Date().timeIntervalSince(started) < 20)
  }

  @Test func anEntrypointThatSwallowsTheKeepAliveIsExplained() throws {
    if DockerTestEngine.skip(#function) { return }
    let run = try runDockerPipeline("""
      pipeline {
        agent { dockerfile true }
        stages { stage('A') { steps { echo 'never' } } }
      }
      """, files: ["Dockerfile": "FROM \(image)\nENTRYPOINT [\"echo\", \"I ignore my command\"]\n"])
    #expect(run.result == .failure)
    #expect(run.plain.contains("its ENTRYPOINT does not run the command it is given"))
    #expect(run.plain.contains("I ignore my command"))
  }

  @Test func anEntrypointThatRunsSomethingElseIsAWarning() throws {
    if DockerTestEngine.skip(#function) { return }
    let run = try runDockerPipeline("""
      pipeline {
        agent { dockerfile true }
        stages { stage('A') { steps { sh 'echo still runs' } } }
      }
      """, files: ["Dockerfile": "FROM \(image)\nENTRYPOINT [\"sh\", \"-c\", \"sleep 600\"]\n"])
    #expect(run.result == .success)
    #expect(run.plain.contains("started but did not run the command it was given ('cat')"))
    #expect(run.plain.contains("still runs"))
  }

  /// `--keep-failed-containers`: the container of the failed stage stays up to look into, with
  /// the workspace as the steps left it; the one of the stage that passed is removed as usual.
  @Test func aFailedStagesContainerIsKeptWhenAsked() throws {
    if DockerTestEngine.skip(#function) { return }
    var runID = ""
    let scratch = Scratch()  // the workspace outlives the run, as a user's does
    let run = try runDockerPipeline("""
      pipeline {
        agent none
        stages {
          stage('Passes') { agent { docker '\(image)' }; steps { sh 'true' } }
          stage('Fails') { agent { docker '\(image)' }; steps { sh 'echo evidence > clue.txt; exit 3' } }
        }
      }
      """, scratch: scratch, configure: { $0.keepFailedContainers = true }, started: { runID = $0.runID }, leavesContainers: true)
    let kept = DockerTestEngine.carsonContainers(run: runID)
    defer { if !kept.isEmpty { _ = try? DockerTestEngine.shell(["docker", "rm", "-f"] + kept) } }
    #expect(run.result == .failure)
    #expect(kept.count == 1, "only the failed stage's container: \(kept)")
    let id = try #require(kept.first)
    #expect(run.plain.contains("Keeping container \(id.prefix(12))"), "\(run.plain)")
    #expect(run.plain.contains("docker exec -it \(id.prefix(12)) sh"))
    let running = try DockerTestEngine.shell(["docker", "inspect", "-f", "{{.State.Running}} {{index .Config.Labels \"carson.stage\"}}", id])
    #expect(running.trimmingCharacters(in: .whitespacesAndNewlines) == "true Fails")
    let clue = try DockerTestEngine.shell(["docker", "exec", id, "sh", "-c", "cat clue.txt"])
    #expect(clue.trimmingCharacters(in: .whitespacesAndNewlines) == "evidence")
  }

  @Test func newContainerPerStageStartsOneContainerPerStage() throws {
    if DockerTestEngine.skip(#function) { return }
    let run = try runDockerPipeline("""
      pipeline {
        agent { docker '\(image)' }
        options { newContainerPerStage() }
        stages {
          stage('one') { steps { sh 'echo "one in $(hostname)"; echo shared > shared.txt' } }
          stage('two') { steps { sh 'echo "two in $(hostname)"; cat shared.txt' } }
        }
      }
      """)
    #expect(run.result == .success, "\(run.plain)")
    #expect(run.plain.components(separatedBy: "$ docker run").count - 1 == 2)
    #expect(run.plain.contains("[two] shared"))
  }
}
