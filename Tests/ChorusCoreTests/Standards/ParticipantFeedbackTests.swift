import Testing
import ChorusCore

@Suite struct ParticipantFeedbackTests {
    @Test func countsShowOnlyFromFiveAnswersAndCommentsAlways() {
        let a = ParticipantFeedback.Answer(listened: .yes, ease: .easy, comment: " Lovely ")
        let b = ParticipantFeedback.Answer(listened: .no, ease: .hard, comment: "")
        let few = ParticipantFeedback.summarise([a, b])
        #expect(few.count == 2 && few.listened == nil && few.ease == nil && few.comments == ["Lovely"])
        let many = ParticipantFeedback.summarise([a, a, a, b, b])
        #expect(many.listened == [.yes: 3, .partly: 0, .no: 2])
        #expect(many.ease == [.easy: 3, .someDifficulty: 0, .hard: 2])
        #expect(many.comments.count == 3)
    }
}
