import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

// Identify: ID card, phone code (needs the platform), or typed in where the
// service allows it. Shows only the masked identity.
JourneyPage {
    id: page
    title: I18n.t("identify.title", I18n.language)
    subtitle: Visit.serviceName !== "" ? I18n.tf("identify.for", I18n.language, {"service": Visit.serviceName}) : ""

    ErrorNote { Layout.fillWidth: true; text: Visit.error }
    // Read once, then handed back: lifting the card does not end the visit.
    ErrorNote {
        Layout.fillWidth: true
        info: true
        warning: false
        text: Visit.takeCard ? I18n.t("identify.take_card", I18n.language) : ""
    }
    Connections {  // said while the visit is guided, as the note appears
        target: Visit
        function onTakeCardChanged() { if (Visit.takeCard) Voice.sayNote("identify.take_card") }
    }

    // Identified: the masked identity and the way on.
    Rectangle {
        visible: Visit.identified
        Layout.fillWidth: true
        implicitHeight: done.implicitHeight + 2 * Style.spacing
        radius: 12
        color: Style.surface
        border.color: Style.ok
        border.width: 3
        ColumnLayout {
            id: done
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.spacing }
            spacing: Style.spacing
            Text { textFormat: Text.PlainText; text: "✓ " + I18n.t("identify.done", I18n.language); font.pixelSize: Style.titleSize; font.bold: true; color: Style.ok }
            Text { textFormat: Text.PlainText; text: I18n.t("identify.name", I18n.language) + "：" + Visit.maskedName; font.pixelSize: Style.titleSize; color: Style.text }
            Text { textFormat: Text.PlainText; text: I18n.t("identify.id_number", I18n.language) + "：" + Visit.maskedIdNumber; font.pixelSize: Style.titleSize; color: Style.text }
        }
    }

    // Card
    Rectangle {
        visible: !Visit.identified
        Layout.fillWidth: true
        implicitHeight: cardCol.implicitHeight + 2 * Style.spacing
        radius: 12
        color: Style.surface
        border.color: Style.primary
        border.width: 2
        ColumnLayout {
            id: cardCol
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.spacing }
            Text { textFormat: Text.PlainText; text: "▭ " + I18n.t("identify.card", I18n.language); Layout.fillWidth: true; wrapMode: Text.WordWrap; font.pixelSize: Style.titleSize; font.bold: true; color: Style.text }
            Text { textFormat: Text.PlainText; text: I18n.t("identify.card.sub", I18n.language); Layout.fillWidth: true; wrapMode: Text.WordWrap; font.pixelSize: Style.bodySize; color: Style.mutedText; lineHeight: Style.lineHeight }
        }
    }

    // Phone code
    KButton {
        visible: !Visit.identified
        Layout.fillWidth: true
        primary: false
        text: "▣ " + I18n.t("identify.phone", I18n.language)
        subtext: Identify.phoneMode ? I18n.t("identify.phone.scan", I18n.language)
                                   : I18n.t("identify.phone.sub", I18n.language)
        onClicked: Identify.usePhoneQr()
    }

    // Manual entry, only where the service allows it
    Rectangle {
        visible: !Visit.identified && Visit.allowManual
        Layout.fillWidth: true
        implicitHeight: manual.implicitHeight + 2 * Style.spacing
        radius: 12
        color: Style.surface
        border.color: "#8a94a6"
        border.width: 2
        ColumnLayout {
            id: manual
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.spacing }
            spacing: Style.spacing
            Text { textFormat: Text.PlainText; text: "⌨ " + I18n.t("identify.manual", I18n.language); font.pixelSize: Style.titleSize; font.bold: true; color: Style.text }
            Text { textFormat: Text.PlainText; text: I18n.t("identify.manual.sub", I18n.language); Layout.fillWidth: true; wrapMode: Text.WordWrap; font.pixelSize: Style.bodySize; color: Style.mutedText }
            FieldEditor {
                id: nameField
                Layout.fillWidth: true
                label: I18n.t("identify.manual.name", I18n.language)
                hints: "text"
                onEdited: (t) => value = t
            }
            FieldEditor {
                id: idField
                Layout.fillWidth: true
                label: I18n.t("identify.manual.id", I18n.language)
                hints: "id_number"
                onEdited: (t) => value = t
            }
            KButton {
                Layout.fillWidth: true
                text: I18n.t("identify.manual.submit", I18n.language)
                onClicked: {
                    Identify.identifyManual(nameField.value, idField.value)
                    nameField.value = ""
                    idField.value = ""
                }
            }
        }
    }

    actions: [
        KButton {
            visible: Visit.identified
            Layout.fillWidth: true
            primary: false
            text: I18n.t("identify.again", I18n.language)
            onClicked: Identify.forgetIdentity()
        },
        KButton {
            visible: Visit.identified
            Layout.fillWidth: true
            text: I18n.t("identify.continue", I18n.language) + " ›"
            onClicked: Identify.continueAfterIdentify()
        }
    ]
}
