import QtQuick
import Kiosk

// Draws a QR code from Python's module list (no image file holds it).
Canvas {
    id: qr
    property int modules: 0
    property var cells: []
    implicitWidth: 320
    implicitHeight: 320
    onCellsChanged: requestPaint()
    onModulesChanged: requestPaint()
    onWidthChanged: requestPaint()
    onPaint: {
        var ctx = getContext("2d")
        ctx.fillStyle = "#ffffff"
        ctx.fillRect(0, 0, width, height)
        if (modules <= 0)
            return
        var cell = Math.floor(Math.min(width, height) / modules)
        var off = Math.floor((Math.min(width, height) - cell * modules) / 2)
        ctx.fillStyle = "#000000"
        for (var r = 0; r < modules; ++r)
            for (var c = 0; c < modules; ++c)
                if (cells[r * modules + c])
                    ctx.fillRect(off + c * cell, off + r * cell, cell, cell)
    }
}
