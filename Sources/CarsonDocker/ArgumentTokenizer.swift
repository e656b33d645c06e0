/// Splits a `docker run` argument string (`args '-v /tmp:/tmp -e "A=b c"'`) into words as a
/// shell would, without running one: whitespace separates, single and double quotes group,
/// a backslash escapes the next character (not inside single quotes).
public enum ArgumentTokenizer {
  public static func split(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for c in text {
      if escaped {
        current.append(c)
        escaped = false
        continue
      }
      if let q = quote {
        if c == q {
          quote = nil
        } else if c == "\\" && q == "\"" {
          escaped = true
        } else {
          current.append(c)
        }
        continue
      }
      switch c {
      case "'", "\"":
        quote = c
        inWord = true
      case "\\":
        escaped = true
        inWord = true
      case " ", "\t", "\n", "\r":
        if inWord {
          words.append(current)
          current = ""
          inWord = false
        }
      default:
        current.append(c)
        inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }
}
