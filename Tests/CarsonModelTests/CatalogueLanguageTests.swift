import Testing

@testable import CarsonModel

/// The catalogue's description of the declarative language must match what the reader and
/// validator accept, or hover and completion would offer what `carson lint` rejects.
@Suite struct CatalogueLanguageTests {
  let catalogue = Catalogue.standard

  @Test func sectionsMatchTheReader() {
    #expect(Set(catalogue.sections(in: .pipeline).map(\.name)) == DeclarativeReader.pipelineSections)
    #expect(Set(catalogue.sections(in: .stage).map(\.name)) == DeclarativeReader.stageSections)
  }

  @Test func postConditionsMatchJenkinsOrder() {
    #expect(CatalogueData.postConditions.map(\.name) == Post.conditionOrder)
  }

  @Test func agentTypesAreWhatTheValidatorChecks() {
    #expect(Set(catalogue.agentTypes.keys) == Set(Validator.listedAgentTypes + ["node"]))
    #expect(Validator.agentTypes["docker"]?.filter(\.required).map(\.name) == ["image"])
    #expect(Validator.agentTypes["label"]?.map(\.name) == ["label"])
  }

  @Test func everyEntryIsDocumented() {
    for section in CatalogueData.sections { #expect(!section.summary.isEmpty && !section.syntax.isEmpty, "\(section.name)") }
    for item in CatalogueData.agentTypes + CatalogueData.whenConditions + CatalogueData.postConditions {
      #expect(!item.summary.isEmpty, "\(item.name)")
    }
  }
}
