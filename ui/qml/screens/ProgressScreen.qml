import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// Progress: by tracking number (typed or scanned from the receipt) or by ID card.
// Always says how old the answer is.
JourneyPage {
    title: I18n.t("progress.title", I18n.language)
    // Visit.online is announced on every screen change; the last sync's time
    // is a query, read only when it changes (this screen is kept: Main.qml).
    readonly property string offlineNote: Visit.online ? "" : I18n.t("progress.offline", I18n.language) + "\n"
    subtitle: offlineNote + Progress.lastSyncText

    FieldEditor {
        id: number
        Layout.fillWidth: true
        label: I18n.t("progress.by_number", I18n.language)
        hints: "text"
        mandatory: true
        onEdited: (t) => value = t
    }
    KButton {
        Layout.fillWidth: true
        text: "⌕ " + I18n.t("progress.search", I18n.language)
        onClicked: Progress.queryProgress(number.value)
    }
    KButton {
        Layout.fillWidth: true
        primary: false
        text: "▭ " + I18n.t("progress.by_card", I18n.language)
        subtext: Visit.identified ? Visit.maskedName : I18n.t("progress.by_card.sub", I18n.language)
        onClicked: Progress.queryProgressByCard()
    }

    ErrorNote { Layout.fillWidth: true; text: Visit.error }
    ErrorNote { Layout.fillWidth: true; warning: !Receipt.a4Printed; text: Receipt.a4Message }
    ErrorNote {
        Layout.fillWidth: true
        text: Progress.progressSearched && Progress.cases.count === 0 ? I18n.t("progress.none", I18n.language) : ""
    }

    Repeater {
        model: Progress.cases
        Rectangle {
            id: caseCard
            required property string trackingNo
            required property string service
            required property string maskedName
            required property string status
            required property string created
            required property string caseNumber
            required property bool certificate
            Layout.fillWidth: true
            implicitHeight: caseCol.implicitHeight + 2 * Style.spacing
            radius: 12
            color: Style.surface
            border.color: Style.primary
            border.width: 2
            ColumnLayout {
                id: caseCol
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.spacing }
                Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: caseCard.service; font.pixelSize: Style.titleSize; font.bold: true; color: Style.text; wrapMode: Text.WordWrap }
                Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: "● " + caseCard.status; font.pixelSize: Style.bodySize; font.bold: true; color: Style.primary; wrapMode: Text.WordWrap }
                Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: I18n.t("receipt.tracking_no", I18n.language) + "：" + caseCard.trackingNo; font.pixelSize: Style.bodySize; color: Style.text; wrapMode: Text.WrapAnywhere }
                Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: I18n.t("receipt.applicant", I18n.language) + "：" + caseCard.maskedName + "    " + I18n.t("progress.created", I18n.language) + "：" + caseCard.created; font.pixelSize: Style.bodySize; color: Style.mutedText; wrapMode: Text.WordWrap }
                Text { textFormat: Text.PlainText; visible: caseCard.caseNumber !== ""; text: I18n.t("progress.case_number", I18n.language) + "：" + caseCard.caseNumber; font.pixelSize: Style.bodySize; color: Style.mutedText }
                KButton {
                    Layout.fillWidth: true
                    visible: caseCard.certificate
                    text: "▣ " + I18n.t("progress.certificate", I18n.language)
                    subtext: I18n.t("progress.certificate.sub", I18n.language)
                    onClicked: Progress.printCertificate(caseCard.trackingNo)
                }
            }
        }
    }

    actions: [
        KButton {
            Layout.fillWidth: true
            primary: false
            text: "☆ " + I18n.t("submitted.evaluate", I18n.language)
            onClicked: Navigator.go("Evaluate")
        },
        KButton {
            Layout.fillWidth: true
            text: I18n.t("submitted.finish", I18n.language)
            onClicked: Shell.finish()
        }
    ]
}
