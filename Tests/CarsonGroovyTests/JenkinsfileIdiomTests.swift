import CarsonGroovy
import Testing

/// Code shaped like real Jenkinsfile `script {}` blocks.
/// Expected values come from Groovy 2.4.21 (the version Jenkins runs).
@Suite struct JenkinsfileIdiomTests {
  @Test func branchNames() throws {
    #expect(try run(#"""
      def branch = 'feature/JIRA-123-add-thing'
      def ticket = (branch =~ /([A-Z]+-\d+)/) ? (branch =~ /([A-Z]+-\d+)/)[0][1] : 'none'
      echo ticket
      echo branch.replaceAll('[^a-zA-Z0-9]', '_').toLowerCase()
      echo branch.tokenize('/').last()
      echo branch.split('/')[0]
      echo branch.take(7)
      echo branch.substring(0, Math.min(50, branch.length()))
      def m = branch =~ /feature\/(.*)/
      if (m.matches()) { echo "name: ${m.group(1)}" }
      echo(branch.startsWith('feature/') ? 'feat' : 'other')
      """#) == ["JIRA-123", "feature_jira_123_add_thing", "JIRA-123-add-thing", "feature", "feature", "feature/JIRA-123-add-thing", "name: JIRA-123-add-thing", "feat"])
  }

  @Test func versions() throws {
    #expect(try run(#"""
      def version = '1.2.3'
      def parts = version.tokenize('.').collect { it as int }
      parts[2]++
      echo parts.join('.')
      def (major, minor, patch) = version.split(/\./).collect { it.toInteger() }
      echo "${major}.${minor + 1}.0"
      echo "build-${String.format('%04d', 42)}"
      echo version.replace('.', '')
      echo "${version.count('.')}"
      """#) == ["1.2.4", "1.3.0", "build-0042", "123", "2"])
  }

  @Test func parallelBranchMaps() throws {
    #expect(try run(#"""
      def services = ['api', 'web', 'worker']
      def branches = [:]
      services.each { svc -> branches["build ${svc}"] = { -> "built ${svc}" } }
      echo branches.keySet().toString()
      echo branches.collect { k, v -> v() }.toString()
      def sizes = services.collectEntries { [(it): it.size()] }
      echo sizes.toString()
      echo sizes.findAll { it.value > 3 }.keySet().join(',')
      echo services.findAll { it != 'web' }.collect { it.toUpperCase() }.toString()
      echo services.withIndex().collect { s, i -> "$i:$s" }.toString()
      """#) == ["[build api, build web, build worker]", "[built api, built web, built worker]", "[api:3, web:3, worker:6]", "worker", "[API, WORKER]", "[0:api, 1:web, 2:worker]"])
  }

  @Test func changedFiles() throws {
    #expect(try run(#"""
      def changed = 'src/a.groovy\nsrc/b.java\nREADME.md\n'.readLines()
      echo changed.findAll { it.endsWith('.java') || it.endsWith('.groovy') }.toString()
      echo "${changed.any { it.startsWith('docs/') }}"
      echo changed.groupBy { it.tokenize('.').last() }.toString()
      echo changed*.tokenize('/')*.first().toString()
      echo "${changed.collect { it.split('/').size() }.sum()}"
      """#) == ["[src/a.groovy, src/b.java]", "false", "[groovy:[src/a.groovy], java:[src/b.java], md:[README.md]]", "[src, src, README.md]", "5"])
  }

  @Test func configurationMaps() throws {
    #expect(try run(#"""
      def cfg = [timeout: 30, retries: 3, name: null]
      echo "${cfg.timeout * 60} ${cfg.name ?: 'unnamed'} ${cfg.get('missing', 'dflt')} ${cfg.containsKey('name')}"
      cfg.each { k, v -> if (v == null) { echo "$k unset" } }
      def merged = [timeout: 10, extra: true] + cfg.findAll { it.value != null }
      echo merged.toString()
      echo merged.sort { a, b -> a.key <=> b.key }.toString()
      echo merged.collect { "${it.key}=${it.value}" }.join('&')
      """#) == ["1800 unnamed dflt true", "name unset", "[timeout:30, extra:true, retries:3, missing:dflt]", "[extra:true, missing:dflt, retries:3, timeout:30]", "timeout=30&extra=true&retries=3&missing=dflt"])
  }

  @Test func percentagesAndDurations() throws {
    #expect(try run(#"""
      def pct = 45 * 100 / 50
      echo "coverage: ${pct}%"
      echo "${7 / 9}"
      echo "${(7 / 9 * 100).setScale(2, BigDecimal.ROUND_HALF_UP)}"
      def secs = 3725
      echo "${(secs / 3600).intValue()}h ${(secs % 3600 / 60).intValue()}m ${secs.intdiv(60) % 60}m"
      def avg = [1, 2, 4].sum() / 3
      echo "${avg} ${(avg as double).round(2)} ${10.0 / 3}"
      echo "${String.format('%.1f', 2 / 3 * 100)}%"
      """#) == ["coverage: 90%", "0.7777777778", "77.78", "1h 2m 2m", "2.3333333333 2.33 3.3333333333", "66.7%"])
  }
}
