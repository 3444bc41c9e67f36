import QtQuick
import QtQuick.Layouts
import Kiosk

// "Still there?" with a countdown; answered only by its two buttons.
Rectangle {
    id: overlay
    visible: Idle.warning
    color: "#cc000000"
    onVisibleChanged: if (visible) Voice.sayNote("idle.title")  // said while the visit is guided

    MouseArea { anchors.fill: parent }  // swallow touches behind the question

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width * 0.85, 900)
        height: column.implicitHeight + 4 * Style.spacing
        radius: 16
        color: Style.surface

        ColumnLayout {
            id: column
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: 2 * Style.spacing }
            spacing: 2 * Style.spacing

            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: I18n.t("idle.title", I18n.language)
                font.pixelSize: Style.heroSize
                font.bold: true
                color: Style.text
                horizontalAlignment: Text.AlignHCenter
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: I18n.tf("idle.body", I18n.language, {"seconds": Idle.secondsLeft})
                font.pixelSize: Style.titleSize
                color: Style.text
                wrapMode: Text.WordWrap
                lineHeight: Style.lineHeight
                horizontalAlignment: Text.AlignHCenter
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 2 * Style.spacing
                KButton {
                    Layout.fillWidth: true
                    text: I18n.t("idle.continue", I18n.language)
                    onClicked: Idle.stillHere()
                }
                KButton {
                    Layout.fillWidth: true
                    primary: false
                    text: I18n.t("idle.finish", I18n.language)
                    onClicked: Shell.finish()
                }
            }
        }
    }
}
