import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// Online-only proofs (社保参保证明 ...): fetched live and printed on A4.
JourneyPage {
    title: I18n.t("proofs.title", I18n.language)
    subtitle: I18n.t("proofs.hint", I18n.language)

    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        text: Visit.identified ? "✓ " + Visit.maskedName + "  " + Visit.maskedIdNumber
                                 : "▭ " + I18n.t("identify.card", I18n.language)
        font.pixelSize: Style.titleSize
        color: Style.text
        wrapMode: Text.WordWrap
    }
    ErrorNote { Layout.fillWidth: true; text: Visit.error }
    ErrorNote { Layout.fillWidth: true; warning: !Receipt.a4Printed; text: Receipt.a4Message }

    QrCanvas {
        visible: !Visit.online && Proofs.qrSize > 0
        Layout.alignment: Qt.AlignHCenter
        Layout.preferredWidth: 360
        Layout.preferredHeight: 360
        modules: Proofs.qrSize
        cells: Proofs.qrModules
    }

    Repeater {
        model: Proofs.proofServices
        KButton {
            required property string code
            required property string name
            Layout.fillWidth: true
            primary: false
            text: name
            subtext: I18n.t("proofs.print", I18n.language)
            onClicked: Proofs.printProof(code)
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
