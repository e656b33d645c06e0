/// A set of names for the few section or argument names one block holds. Hashing a `String`
/// costs more than comparing it with a handful of others (building `Set`s of section names was
/// the largest single cost of reading a stage), so small sets are a plain array searched
/// linearly; past `linearLimit` names they switch to a `Set`, so no input makes it quadratic.
public struct NameSet: Sendable, ExpressibleByArrayLiteral {
  private var names: [String] = []
  private var hashed: Set<String>?

  static let linearLimit = 16

  public init() {}

  public init(arrayLiteral elements: String...) {
    for element in elements { insert(element) }
  }

  public var count: Int { hashed?.count ?? names.count }
  public var isEmpty: Bool { count == 0 }

  public func contains(_ name: String) -> Bool {
    if let hashed { return hashed.contains(name) }
    return names.contains(name)
  }

  /// Adds `name`; returns false when it was already there.
  @discardableResult
  public mutating func insert(_ name: String) -> Bool {
    if hashed != nil { return hashed!.insert(name).inserted }
    if names.contains(name) { return false }
    names.append(name)
    if names.count > Self.linearLimit {
      hashed = Set(names)
      names = []
    }
    return true
  }
}
