import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// Review before the one durable write.
JourneyPage {
    title: I18n.t("review.title", I18n.language)
    subtitle: I18n.t("review.hint", I18n.language)

    ErrorNote { Layout.fillWidth: true; text: Visit.error }

    // The resident's own answers read aloud, on their tap only (never the ID number).
    KButton {
        visible: Voice.enabled
        primary: false
        text: "♪ " + I18n.t("voice.review.button", I18n.language)
        Accessible.name: I18n.t("voice.review.button", I18n.language)
        onClicked: Voice.readOwnAnswers()
    }

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: grid.implicitHeight + 2 * Style.spacing
        radius: 12
        color: Style.surface
        border.color: "#8a94a6"
        GridLayout {
            id: grid
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.spacing }
            columns: 2
            columnSpacing: 2 * Style.spacing
            rowSpacing: Style.spacing
            Text { textFormat: Text.PlainText; text: I18n.t("receipt.service", I18n.language); font.pixelSize: Style.bodySize; color: Style.mutedText }
            Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: Visit.serviceName; font.pixelSize: Style.bodySize; font.bold: true; color: Style.text; wrapMode: Text.WrapAnywhere }
            Text { textFormat: Text.PlainText; text: I18n.t("identify.name", I18n.language); font.pixelSize: Style.bodySize; color: Style.mutedText }
            Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: Visit.maskedName + "  " + Visit.maskedIdNumber; font.pixelSize: Style.bodySize; color: Style.text; wrapMode: Text.WrapAnywhere }
        }
    }

    Repeater {
        model: Apply.reviewRows
        RowLayout {
            id: reviewRow
            required property string label
            required property string value
            Layout.fillWidth: true
            spacing: 2 * Style.spacing
            Text {
                textFormat: Text.PlainText
                Layout.preferredWidth: Style.bodySize * 7
                text: reviewRow.label
                font.pixelSize: Style.bodySize
                color: Style.mutedText
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: reviewRow.value !== "" ? reviewRow.value : I18n.t("review.empty", I18n.language)
                font.pixelSize: Style.bodySize
                color: Style.text
                wrapMode: Text.WrapAnywhere
            }
        }
    }

    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        visible: Apply.reviewMaterials !== ""
        text: I18n.t("review.materials", I18n.language) + "：" + Apply.reviewMaterials
        font.pixelSize: Style.bodySize
        color: Style.text
        wrapMode: Text.WordWrap
        lineHeight: Style.lineHeight
    }

    actions: [
        KButton {
            Layout.fillWidth: true
            primary: false
            text: "‹ " + I18n.t("review.edit", I18n.language)
            onClicked: Navigator.go("Form")
        },
        KButton {
            Layout.fillWidth: true
            text: I18n.t("review.submit", I18n.language) + " ✓"
            onClicked: Apply.submit()
        }
    ]
}
