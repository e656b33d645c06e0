import CarsonEngine
import Foundation
import Testing

/// Secrets never reach any output: every renderer sees the masked events.
@Suite struct MaskingTests {
  let secret = "hunter2-very-secret"

  func credentials(_ extra: [String: CredentialStore.Credential] = [:]) -> CredentialStore {
    var all: [String: CredentialStore.Credential] = ["token": .secretText(secret), "login": .usernamePassword(username: "deploy", password: secret)]
    for (k, v) in extra { all[k] = v }
    return CredentialStore(all)
  }

  @Test func secretPrintedByAShellStepIsMaskedInEveryFormat() throws {
    let run = try runPipeline("""
      pipeline {
        agent any
        environment { TOKEN = credentials('token') }
        stages { stage('A') { steps { sh 'echo "token is $TOKEN"' } } }
      }
      """, configure: { $0.credentials = credentials() })
    #expect(run.result == .success)
    #expect(!run.everything.contains(secret))
    for output in [run.json, run.plain, run.jenkins, run.console] { #expect(output.contains("token is ****")) }
  }

  @Test func secretSplitAcrossOutputChunksIsMasked() throws {
    // The two halves arrive in separate reads, 300 ms apart.
    let run = try runPipeline("""
      pipeline {
        agent any
        stages { stage('A') { steps {
          withCredentials([string(credentialsId: 'token', variable: 'T')]) {
            sh 'set +x; half=${#T}; half=$((half / 2)); printf "%s" "$(echo "$T" | cut -c1-$half)"; sleep 0.3; printf "%s\\\\n" "$(echo "$T" | cut -c$((half + 1))-)"'
          }
        } } }
      }
      """, configure: { $0.credentials = credentials() })
    #expect(run.result == .success)
    #expect(!run.everything.contains(secret))
    #expect(run.plain.contains("[A] ****"))
  }

  @Test func everyLineOfAMultiLineSecretIsMasked() throws {
    let key = "-----BEGIN KEY-----\nAAAAfirstlinesecret\nBBBBsecondlinesecret\n-----END KEY-----"
    let run = try runPipeline("""
      pipeline {
        agent any
        stages { stage('A') { steps {
          withCredentials([string(credentialsId: 'key', variable: 'K')]) {
            sh 'printf "%s\\\\n" "$K"'
            sh 'echo "$K" | sed -n 3p'
          }
        } } }
      }
      """, configure: { $0.credentials = credentials(["key": .secretText(key)]) })
    #expect(run.result == .success)
    for line in ["AAAAfirstlinesecret", "BBBBsecondlinesecret"] { #expect(!run.everything.contains(line)) }
  }

  @Test func secretInAnErrorMessageIsMasked() throws {
    let run = try runPipeline("""
      pipeline {
        agent any
        environment { LOGIN = credentials('login') }
        stages { stage('A') { steps { error "could not log in with ${LOGIN_PSW}" } } }
      }
      """, configure: { $0.credentials = credentials() })
    #expect(run.result == .failure)
    #expect(!run.everything.contains(secret))
    #expect(run.jenkins.contains("could not log in with ****"))
  }

  @Test func secretInStepArgumentsIsMaskedInStepEvents() throws {
    let run = try runPipeline("""
      pipeline {
        agent any
        environment { TOKEN = credentials('token') }
        stages { stage('A') { steps { echo "${env.TOKEN}"; writeFile file: 'x', text: env.TOKEN } } }
      }
      """, configure: { $0.credentials = credentials() })
    #expect(run.result == .success)
    #expect(!run.everything.contains(secret))
    #expect(run.json.contains(#""step":"writeFile""#))
  }

  @Test func passwordParameterIsMasked() throws {
    let run = try runPipeline("""
      pipeline {
        agent any
        parameters { password(name: 'PASS', defaultValue: '', description: 'the password') }
        stages { stage('A') { steps { echo "password is ${params.PASS}"; sh 'echo "env has $PASS"' } } }
      }
      """, configure: { $0.arguments = ["PASS": secret] })
    #expect(run.result == .success)
    #expect(!run.everything.contains(secret))
    #expect(run.plain.contains("password is ****"))
    #expect(run.plain.contains("env has ****"))
  }

  @Test func usernameIsMaskedOnlyWhenMarkedSecret() throws {
    let jenkinsfile = """
      pipeline {
        agent any
        environment { LOGIN = credentials('login') }
        stages { stage('A') { steps { echo "user ${LOGIN_USR}" } } }
      }
      """
    let open = try runPipeline(jenkinsfile, configure: { $0.credentials = credentials() })
    #expect(open.plain.contains("user deploy"))
    let hidden = try runPipeline(jenkinsfile, configure: {
      $0.credentials = CredentialStore(["login": .usernamePassword(username: "deploy", password: secret, usernameSecret: true)])
    })
    #expect(hidden.plain.contains("user ****"))
  }
}
