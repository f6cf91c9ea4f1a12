<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Content folder not used</source>
        <translation>Carpeta de contenido no usada</translation>
    </message>
    <message>
        <source>Your content folder could not be used:

%1

The built-in content is shown instead.</source>
        <translation>No se ha podido usar tu carpeta de contenido:

%1

Se muestra el contenido integrado en su lugar.</translation>
    </message>
</context>
<context>
    <name>AtlasLoading</name>
    <message>
        <source>Loading %s…</source>
        <translation>Cargando %s…</translation>
    </message>
    <message>
        <source>%s: %d triangles</source>
        <translation>%s: %d triángulos</translation>
    </message>
    <message>
        <source>No atlas is shown.</source>
        <translation>No se muestra ningún atlas.</translation>
    </message>
    <message>
        <source>Showing the default atlas, %s, instead.</source>
        <translation>Se muestra en su lugar el atlas predeterminado, %s.</translation>
    </message>
    <message>
        <source>Showing %s instead.</source>
        <translation>Se muestra %s en su lugar.</translation>
    </message>
    <message>
        <source>Atlas not available</source>
        <translation>Atlas no disponible</translation>
    </message>
    <message>
        <source>The atlas could not be loaded:

%s

%s</source>
        <translation>No se ha podido cargar el atlas:

%s

%s</translation>
    </message>
</context>
<context>
    <name>BrainViewAccess</name>
    <message>
        <source>3D brain view</source>
        <translation>Vista 3D del cerebro</translation>
    </message>
    <message>
        <source>No region selected.</source>
        <translation>Ninguna región seleccionada.</translation>
    </message>
    <message>
        <source>Selected region: %1.</source>
        <translation>Región seleccionada: %1.</translation>
    </message>
    <message>
        <source>It is hidden.</source>
        <translation>Está oculta.</translation>
    </message>
    <message>
        <source>Tour step %1 of %2: %3.</source>
        <translation>Paso %1 de %2 del recorrido: %3.</translation>
    </message>
    <message>
        <source>Keys: ] and [ select the next or previous region, 1 to 8 show the views, Home resets the view, L shows the region labels.</source>
        <translation>Teclas: ] y [ seleccionan la región siguiente o la anterior, de 1 a 8 muestran las vistas, Inicio restablece la vista, L muestra las etiquetas de las regiones.</translation>
    </message>
</context>
<context>
    <name>CameraViews</name>
    <message>
        <source>Lateral (left)</source>
        <translation>Lateral (izquierda)</translation>
    </message>
    <message>
        <source>Lateral (right)</source>
        <translation>Lateral (derecha)</translation>
    </message>
    <message>
        <source>Medial (left hemisphere)</source>
        <translation>Medial (hemisferio izquierdo)</translation>
    </message>
    <message>
        <source>Medial (right hemisphere)</source>
        <translation>Medial (hemisferio derecho)</translation>
    </message>
    <message>
        <source>Anterior</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Posterior</source>
        <translation>Posterior</translation>
    </message>
    <message>
        <source>Superior</source>
        <translation>Superior</translation>
    </message>
    <message>
        <source>Inferior</source>
        <translation>Inferior</translation>
    </message>
</context>
<context>
    <name>CaptionBand</name>
    <message>
        <source>◀ Back</source>
        <translation>◀ Atrás</translation>
    </message>
    <message>
        <source>Previous step (PageUp)</source>
        <translation>Paso anterior (Re Pág)</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Siguiente ▶</translation>
    </message>
    <message>
        <source>Next step (PageDown)</source>
        <translation>Paso siguiente (Av Pág)</translation>
    </message>
    <message>
        <source>End tour</source>
        <translation>Terminar recorrido</translation>
    </message>
    <message>
        <source>End the tour (Esc)</source>
        <translation>Terminar el recorrido (Esc)</translation>
    </message>
    <message>
        <source>%d / %d</source>
        <translation>%d / %d</translation>
    </message>
    <message>
        <source>Step %d of %d</source>
        <translation>Paso %d de %d</translation>
    </message>
    <message>
        <source>PageDown, → or Space: next · PageUp or ←: back</source>
        <translation>Av Pág, → o Espacio: siguiente · Re Pág o ←: atrás</translation>
    </message>
    <message>
        <source>Sources: %s</source>
        <translation>Fuentes: %s</translation>
    </message>
</context>
<context>
    <name>ClassQuiz</name>
    <message>
        <source>End of the quiz. Thank you!</source>
        <translation>Fin del cuestionario. ¡Gracias!</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>Pregunta %1 de %2</translation>
    </message>
    <message>
        <source>Where is it? Point at the brain.</source>
        <translation>¿Dónde está? Señálalo en el cerebro.</translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation>Respuesta:</translation>
    </message>
</context>
<context>
    <name>ContentHtml</name>
    <message>
        <source>Where it is</source>
        <translation>Dónde está</translation>
    </message>
    <message>
        <source>What it normally does</source>
        <translation>Qué hace normalmente</translation>
    </message>
    <message>
        <source>What ketamine does here</source>
        <translation>Qué hace aquí la ketamina</translation>
    </message>
    <message>
        <source>What is still uncertain</source>
        <translation>Qué sigue sin estar claro</translation>
    </message>
    <message>
        <source>established</source>
        <translation>establecida</translation>
    </message>
    <message>
        <source>human studies</source>
        <translation>estudios en humanos</translation>
    </message>
    <message>
        <source>animal studies</source>
        <translation>estudios en animales</translation>
    </message>
    <message>
        <source>single patient</source>
        <translation>un solo paciente</translation>
    </message>
    <message>
        <source>leading hypothesis</source>
        <translation>hipótesis principal</translation>
    </message>
    <message>
        <source>disputed</source>
        <translation>en discusión</translation>
    </message>
    <message>
        <source>modelling estimate</source>
        <translation>estimación por modelos</translation>
    </message>
    <message>
        <source>References</source>
        <translation>Referencias</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>Evidencia:</translation>
    </message>
    <message>
        <source>In this atlas:</source>
        <translation>En este atlas:</translation>
    </message>
    <message>
        <source>Current step</source>
        <translation>Paso actual</translation>
    </message>
    <message>
        <source>Evidence from:</source>
        <translation>Evidencia de:</translation>
    </message>
    <message>
        <source>Explore the brain</source>
        <translation>Explora el cerebro</translation>
    </message>
    <message>
        <source>The regions</source>
        <translation>Las regiones</translation>
    </message>
    <message>
        <source>Click a region in the 3D view or pick it from the list to read what it does and what ketamine does there.</source>
        <translation>Haz clic en una región de la vista 3D o elígela en la lista para leer qué hace y qué hace allí la ketamina.</translation>
    </message>
    <message>
        <source>Drag to rotate the brain, scroll to zoom, and use the view buttons for standard views.</source>
        <translation>Arrastra para girar el cerebro, usa la rueda del ratón para acercar o alejar y los botones de vista para las vistas estándar.</translation>
    </message>
    <message>
        <source>The Mechanism tab walks through ketamine&apos;s effects step by step.</source>
        <translation>La pestaña Mecanismo recorre paso a paso los efectos de la ketamina.</translation>
    </message>
</context>
<context>
    <name>DiagramExport</name>
    <message>
        <source>Export mechanism diagram</source>
        <translation>Exportar el diagrama del mecanismo</translation>
    </message>
    <message>
        <source>Images (%s)</source>
        <translation>Imágenes (%s)</translation>
    </message>
    <message>
        <source>Diagram not saved</source>
        <translation>Diagrama no guardado</translation>
    </message>
    <message>
        <source>The diagram was not saved:

%s</source>
        <translation>No se ha guardado el diagrama:

%s</translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation>Guardado: %s</translation>
    </message>
</context>
<context>
    <name>DisplayControls</name>
    <message>
        <source>Cortex opacity</source>
        <translation>Opacidad de la corteza</translation>
    </message>
    <message>
        <source>How solid the surrounding cortex looks (0 hides it)</source>
        <translation>Cuánto se ve la corteza que rodea las regiones (0 la oculta)</translation>
    </message>
    <message>
        <source>Cortex</source>
        <translation>Corteza</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Izquierdo</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Derecho</translation>
    </message>
    <message>
        <source>Left hemisphere</source>
        <translation>Hemisferio izquierdo</translation>
    </message>
    <message>
        <source>Right hemisphere</source>
        <translation>Hemisferio derecho</translation>
    </message>
    <message>
        <source>Hemispheres</source>
        <translation>Hemisferios</translation>
    </message>
    <message>
        <source>Cut away the lower cortex</source>
        <translation>Recortar la corteza inferior</translation>
    </message>
    <message>
        <source>Removes the cortex below the hippocampus&apos;s top so it can be seen</source>
        <translation>Quita la corteza que queda por debajo de la parte superior del hipocampo para que se pueda ver</translation>
    </message>
</context>
<context>
    <name>ElapsedClock</name>
    <message>
        <source>Elapsed time</source>
        <translation>Tiempo transcurrido</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Start or pause the clock</source>
        <translation>Inicia o pausa el reloj</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <source>Set the clock back to 0:00</source>
        <translation>Pone el reloj de nuevo a 0:00</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message numerus="yes">
        <source>

%n more error(s) happened and were only logged.</source>
        <translation>
            <numerusform>

Ocurrió %n error más, que solo se ha registrado.</numerusform>
            <numerusform>

Ocurrieron %n errores más, que solo se han registrado.</numerusform>
        </translation>
    </message>
    <message>
        <source>The details were saved in:
%1</source>
        <translation>Los detalles se han guardado en:
%1</translation>
    </message>
    <message>
        <source>The details could not be saved (the log folder is not writable).</source>
        <translation>No se han podido guardar los detalles (no se puede escribir en la carpeta de registros).</translation>
    </message>
    <message>
        <source>Something went wrong, but you can keep working:

%1

%2</source>
        <translation>Algo ha fallado, pero puedes seguir trabajando:

%1

%2</translation>
    </message>
</context>
<context>
    <name>ExportCommands</name>
    <message>
        <source>Export &amp;image…</source>
        <translation>Exportar &amp;imagen…</translation>
    </message>
    <message>
        <source>Save the view as an image at any size, for slides and handouts</source>
        <translation>Guardar la vista como imagen del tamaño que quiera, para diapositivas y apuntes</translation>
    </message>
    <message>
        <source>&amp;Copy image</source>
        <translation>Copiar i&amp;magen</translation>
    </message>
    <message>
        <source>Put what the view shows on the clipboard, to paste into slides</source>
        <translation>Copiar lo que muestra la vista al portapapeles, para pegarlo en diapositivas</translation>
    </message>
    <message>
        <source>Export m&amp;ovie…</source>
        <translation>Exportar &amp;vídeo…</translation>
    </message>
    <message>
        <source>A turn of the brain or the guided tour, as MP4 or GIF</source>
        <translation>Un giro del cerebro o el recorrido guiado, en MP4 o GIF</translation>
    </message>
    <message>
        <source>Export &amp;handout…</source>
        <translation>Exportar &amp;folleto…</translation>
    </message>
    <message>
        <source>A PDF with the regions, the mechanism and the references</source>
        <translation>Un PDF con las regiones, el mecanismo y las referencias</translation>
    </message>
    <message>
        <source>Export 3D mo&amp;del…</source>
        <translation>Exportar modelo &amp;3D…</translation>
    </message>
    <message>
        <source>The cortex and the three regions as a glTF file (.glb) for 3D tools</source>
        <translation>La corteza y las tres regiones en un archivo glTF (.glb) para programas 3D</translation>
    </message>
    <message>
        <source>Rendering the image…</source>
        <translation>Generando la imagen…</translation>
    </message>
    <message>
        <source>Rendering the movie…</source>
        <translation>Generando el vídeo…</translation>
    </message>
    <message>
        <source>Writing the handout…</source>
        <translation>Escribiendo el folleto…</translation>
    </message>
    <message>
        <source>Nothing to export yet: the atlas is still loading.</source>
        <translation>Aún no hay nada que exportar: el atlas se está cargando.</translation>
    </message>
    <message>
        <source>Export 3D model</source>
        <translation>Exportar modelo 3D</translation>
    </message>
    <message>
        <source>glTF binary (*.glb)</source>
        <translation>glTF binario (*.glb)</translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation>Guardado: %s</translation>
    </message>
    <message>
        <source>Copied the view (%d × %d) to the clipboard</source>
        <translation>Vista copiada al portapapeles (%d × %d)</translation>
    </message>
    <message>
        <source>An export is running: wait for it, or cancel it, first.</source>
        <translation>Hay una exportación en curso: espere a que termine o cancélela antes.</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written</source>
        <translation>Exportación cancelada: no se escribió ningún archivo</translation>
    </message>
    <message>
        <source>%s was not written:

%s</source>
        <translation>No se escribió %s:

%s</translation>
    </message>
    <message>
        <source>the export failed</source>
        <translation>la exportación falló</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>&amp;Choose…</source>
        <translation>Ele&amp;gir…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Archivo:</translation>
    </message>
    <message>
        <source>Files (%s)</source>
        <translation>Archivos (%s)</translation>
    </message>
</context>
<context>
    <name>ExportProcess</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Exportando</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
</context>
<context>
    <name>GlossaryPage</name>
    <message>
        <source>Search the glossary</source>
        <translation>Buscar en el glosario</translation>
    </message>
    <message>
        <source>Glossary terms</source>
        <translation>Términos del glosario</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>Definición</translation>
    </message>
    <message>
        <source>No term matches.</source>
        <translation>Ningún término coincide.</translation>
    </message>
</context>
<context>
    <name>GraphicsCheck</name>
    <message>
        <source>Renderer:</source>
        <translation>Renderizador:</translation>
    </message>
    <message>
        <source>The 3D view cannot start, even with software rendering:

%1

Ask for help with the graphics drivers of this computer.</source>
        <translation>La vista 3D no puede iniciarse, ni siquiera con renderizado por software:

%1

Pide ayuda con los controladores gráficos de este ordenador.</translation>
    </message>
    <message>
        <source>This computer&apos;s graphics (OpenGL) cannot show the 3D view:

%1

This happens over remote desktop and with old graphics drivers. The app can restart with software rendering, which works everywhere but is slower.</source>
        <translation>Los gráficos de este ordenador (OpenGL) no pueden mostrar la vista 3D:

%1

Esto ocurre en escritorios remotos y con controladores gráficos antiguos. La aplicación puede reiniciarse con renderizado por software, que funciona en todas partes pero es más lento.</translation>
    </message>
    <message>
        <source>Restart with software rendering</source>
        <translation>Reiniciar con renderizado por software</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>Handout</name>
    <message>
        <source>Loading the content and the brain model</source>
        <translation>Cargando el contenido y el modelo del cerebro</translation>
    </message>
    <message>
        <source>Rendering the whole brain</source>
        <translation>Generando el cerebro entero</translation>
    </message>
    <message>
        <source>Rendering the regions</source>
        <translation>Generando las regiones</translation>
    </message>
    <message>
        <source>Drawing the mechanism</source>
        <translation>Dibujando el mecanismo</translation>
    </message>
    <message>
        <source>Writing the file</source>
        <translation>Escribiendo el archivo</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
</context>
<context>
    <name>HandoutExportDialog</name>
    <message>
        <source>Export handout</source>
        <translation>Exportar folleto</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>Carta (EE. UU.)</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>&amp;Papel:</translation>
    </message>
    <message>
        <source>Introductory</source>
        <translation>Introductorio</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avanzado</translation>
    </message>
    <message>
        <source>&amp;Reading level:</source>
        <translation>&amp;Nivel de lectura:</translation>
    </message>
</context>
<context>
    <name>HandoutHtml</name>
    <message>
        <source>Handout</source>
        <translation>Folleto</translation>
    </message>
    <message>
        <source>Atlas:</source>
        <translation>Atlas:</translation>
    </message>
    <message>
        <source>Reading level:</source>
        <translation>Nivel de lectura:</translation>
    </message>
    <message>
        <source>introductory</source>
        <translation>introductorio</translation>
    </message>
    <message>
        <source>advanced</source>
        <translation>avanzado</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Fecha:</translation>
    </message>
    <message>
        <source>The three regions</source>
        <translation>Las tres regiones</translation>
    </message>
    <message>
        <source>The mechanism, step by step</source>
        <translation>El mecanismo, paso a paso</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Safety note</source>
        <translation>Nota de seguridad</translation>
    </message>
    <message>
        <source>No references are cited.</source>
        <translation>No se cita ninguna referencia.</translation>
    </message>
</context>
<context>
    <name>ImageExport</name>
    <message>
        <source>Cortex</source>
        <translation>Corteza</translation>
    </message>
</context>
<context>
    <name>ImageExportDialog</name>
    <message>
        <source>Export image</source>
        <translation>Exportar imagen</translation>
    </message>
    <message>
        <source>1920 × 1080 (Full HD)</source>
        <translation>1920 × 1080 (Full HD)</translation>
    </message>
    <message>
        <source>3840 × 2160 (4K)</source>
        <translation>3840 × 2160 (4K)</translation>
    </message>
    <message>
        <source>A4 landscape, 300 dpi (3508 × 2480)</source>
        <translation>A4 horizontal, 300 ppp (3508 × 2480)</translation>
    </message>
    <message>
        <source>A4 portrait, 300 dpi (2480 × 3508)</source>
        <translation>A4 vertical, 300 ppp (2480 × 3508)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>&amp;Tamaño:</translation>
    </message>
    <message>
        <source>&amp;Transparent background (PNG or TIFF)</source>
        <translation>Fondo t&amp;ransparente (PNG o TIFF)</translation>
    </message>
    <message>
        <source>Region &amp;labels</source>
        <translation>&amp;Etiquetas de las regiones</translation>
    </message>
    <message>
        <source>L&amp;egend of the regions&apos; colours</source>
        <translation>&amp;Leyenda de los colores de las regiones</translation>
    </message>
    <message>
        <source>Ca&amp;ption:</source>
        <translation>&amp;Pie de imagen:</translation>
    </message>
    <message>
        <source>Mechanism &amp;inset</source>
        <translation>Recuadro del &amp;mecanismo</translation>
    </message>
    <message>
        <source>JPEG and BMP files have no transparency</source>
        <translation>Los archivos JPEG y BMP no admiten transparencia</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>Lan&amp;guage</source>
        <translation>Idi&amp;oma</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The app will be in %1 the next time it starts: the menus, the region texts, the tours and the quizzes.</source>
        <translation>La aplicación estará en %1 la próxima vez que se inicie: los menús, los textos de las regiones, los recorridos y los cuestionarios.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Reiniciar ahora</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Más tarde</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&lt;b&gt;Regions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Regiones&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Save &amp;view as image…</source>
        <translation>&amp;Guardar la vista como imagen…</translation>
    </message>
    <message>
        <source>Export &amp;mechanism diagram…</source>
        <translation>Exportar &amp;diagrama del mecanismo…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vistas</translation>
    </message>
    <message>
        <source>Show the %s view (key %d)</source>
        <translation>Mostrar la vista %s (tecla %d)</translation>
    </message>
    <message>
        <source>&amp;Reset view</source>
        <translation>&amp;Restablecer la vista</translation>
    </message>
    <message>
        <source>Back to the starting view (Home)</source>
        <translation>Volver a la vista inicial (Inicio)</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>Quitar la selección</translation>
    </message>
    <message>
        <source>Side &amp;panel</source>
        <translation>Panel &amp;lateral</translation>
    </message>
    <message>
        <source>Show or collapse the panel beside the brain</source>
        <translation>Mostrar u ocultar el panel junto al cerebro</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>Text &amp;size</source>
        <translation>Tamaño del te&amp;xto</translation>
    </message>
    <message>
        <source>&amp;Atlas</source>
        <translation>A&amp;tlas</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Acerca de</translation>
    </message>
    <message>
        <source>Not downloaded yet: use Atlas ▸ Download Harvard-Oxford</source>
        <translation>Aún no descargado: usa Atlas ▸ Descargar Harvard-Oxford</translation>
    </message>
    <message>
        <source>&amp;Download Harvard-Oxford…</source>
        <translation>&amp;Descargar Harvard-Oxford…</translation>
    </message>
    <message>
        <source>Fetch the Harvard-Oxford atlas through nilearn (needs a network connection)</source>
        <translation>Descarga el atlas Harvard-Oxford con nilearn (necesita conexión a la red)</translation>
    </message>
    <message>
        <source>Use atlas &amp;folder…</source>
        <translation>Usar una &amp;carpeta de atlas…</translation>
    </message>
    <message>
        <source>Downloading the Harvard-Oxford atlas through nilearn…</source>
        <translation>Descargando el atlas Harvard-Oxford con nilearn…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Download atlas</source>
        <translation>Descargar atlas</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>La descarga ha fallado</translation>
    </message>
    <message>
        <source>Atlas downloaded</source>
        <translation>Atlas descargado</translation>
    </message>
    <message>
        <source>The Harvard-Oxford atlas is saved in %s.</source>
        <translation>El atlas Harvard-Oxford se ha guardado en %s.</translation>
    </message>
    <message>
        <source>Folder with downloaded atlases</source>
        <translation>Carpeta con atlas descargados</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>Exportar imagen</translation>
    </message>
    <message>
        <source>Images (%s)</source>
        <translation>Imágenes (%s)</translation>
    </message>
    <message>
        <source>Image not saved</source>
        <translation>Imagen no guardada</translation>
    </message>
    <message>
        <source>The image was not saved:

%s</source>
        <translation>No se ha guardado la imagen:

%s</translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation>Guardado: %s</translation>
    </message>
    <message>
        <source>About %s</source>
        <translation>Acerca de %s</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%s&lt;/h3&gt;&lt;p&gt;An open-source app for teaching how ketamine acts on the prefrontal cortex, the hippocampus and the posteromedial cortex.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Atlas:&lt;/b&gt; %s&lt;/p&gt;&lt;p&gt;%s&lt;/p&gt;&lt;p&gt;%s&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%s&lt;/h3&gt;&lt;p&gt;Una aplicación de código abierto para enseñar cómo actúa la ketamina en la corteza prefrontal, el hipocampo y la corteza posteromedial.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Atlas:&lt;/b&gt; %s&lt;/p&gt;&lt;p&gt;%s&lt;/p&gt;&lt;p&gt;%s&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MechanismDiagramView</name>
    <message>
        <source>Mechanism diagram, step %d of %d: %s</source>
        <translation>Diagrama del mecanismo, paso %d de %d: %s</translation>
    </message>
    <message>
        <source>A hypothesis.</source>
        <translation>Una hipótesis.</translation>
    </message>
    <message>
        <source>The rival model.</source>
        <translation>El modelo alternativo.</translation>
    </message>
</context>
<context>
    <name>MechanismStepBar</name>
    <message>
        <source>◀ Back</source>
        <translation>◀ Atrás</translation>
    </message>
    <message>
        <source>Previous step (Left or Up arrow)</source>
        <translation>Paso anterior (flecha izquierda o arriba)</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Siguiente ▶</translation>
    </message>
    <message>
        <source>Next step (Right or Down arrow)</source>
        <translation>Paso siguiente (flecha derecha o abajo)</translation>
    </message>
    <message>
        <source>Rival model</source>
        <translation>Modelo alternativo</translation>
    </message>
    <message>
        <source>Show the competing explanation of this step</source>
        <translation>Mostrar la explicación alternativa de este paso</translation>
    </message>
    <message>
        <source>Step %d of %d: %s</source>
        <translation>Paso %d de %d: %s</translation>
    </message>
</context>
<context>
    <name>ModelExport</name>
    <message>
        <source>left</source>
        <translation>izquierdo</translation>
    </message>
    <message>
        <source>right</source>
        <translation>derecho</translation>
    </message>
    <message>
        <source>Cortex</source>
        <translation>Corteza</translation>
    </message>
    <message>
        <source>Brain</source>
        <translation>Cerebro</translation>
    </message>
</context>
<context>
    <name>MovieExportDialog</name>
    <message>
        <source>Export movie</source>
        <translation>Exportar vídeo</translation>
    </message>
    <message>
        <source>A 360° turn</source>
        <translation>Un giro de 360°</translation>
    </message>
    <message>
        <source>The tour: %s</source>
        <translation>El recorrido: %s</translation>
    </message>
    <message>
        <source>&amp;Movie:</source>
        <translation>&amp;Vídeo:</translation>
    </message>
    <message>
        <source>Vertical (turn left to right)</source>
        <translation>Vertical (gira de izquierda a derecha)</translation>
    </message>
    <message>
        <source>Front to back</source>
        <translation>De delante atrás</translation>
    </message>
    <message>
        <source>Left to right (tumble)</source>
        <translation>De izquierda a derecha (voltereta)</translation>
    </message>
    <message>
        <source>&amp;Axis:</source>
        <translation>&amp;Eje:</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>&amp;Tamaño:</translation>
    </message>
    <message>
        <source> frames per second</source>
        <translation> fotogramas por segundo</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Duración:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Frame &amp;rate:</source>
        <translation>F&amp;otogramas por segundo:</translation>
    </message>
    <message>
        <source>Region &amp;labels</source>
        <translation>Eti&amp;quetas de las regiones</translation>
    </message>
</context>
<context>
    <name>PackBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Hide this message (it comes back if the next save is broken too)</source>
        <translation>Oculta este mensaje (vuelve si el siguiente guardado también tiene un error)</translation>
    </message>
    <message>
        <source>Content pack problem</source>
        <translation>Problema en el paquete de contenido</translation>
    </message>
</context>
<context>
    <name>PackCommands</name>
    <message>
        <source>Open content &amp;pack…</source>
        <translation>Abrir un &amp;paquete de contenido…</translation>
    </message>
    <message>
        <source>Open a lecturer&apos;s content pack: a .zip, or any file of a pack&apos;s folder (e.g. its pack.toml)</source>
        <translation>Abre el paquete de contenido de un docente: un .zip, o cualquier archivo de la carpeta de un paquete (p. ej., su pack.toml)</translation>
    </message>
    <message>
        <source>Open content pack &amp;folder…</source>
        <translation>Abrir la &amp;carpeta de un paquete…</translation>
    </message>
    <message>
        <source>Open a folder that holds a content pack</source>
        <translation>Abre una carpeta que contiene un paquete de contenido</translation>
    </message>
    <message>
        <source>&amp;Recent packs</source>
        <translation>Paquetes recien&amp;tes</translation>
    </message>
    <message>
        <source>&amp;Built-in content</source>
        <translation>Co&amp;ntenido integrado</translation>
    </message>
    <message>
        <source>Back to the content that comes with the app</source>
        <translation>Vuelve al contenido que trae la aplicación</translation>
    </message>
    <message>
        <source>Open content pack</source>
        <translation>Abrir un paquete de contenido</translation>
    </message>
    <message>
        <source>Content packs (*.zip pack.toml);;All files (*)</source>
        <translation>Paquetes de contenido (*.zip pack.toml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Open content pack folder</source>
        <translation>Abrir la carpeta de un paquete de contenido</translation>
    </message>
    <message>
        <source>The content pack was not opened: %1</source>
        <translation>No se abrió el paquete de contenido: %1</translation>
    </message>
    <message>
        <source>The content pack has a problem; the last good version stays on screen until it is fixed: %1</source>
        <translation>El paquete de contenido tiene un problema; la última versión correcta sigue en pantalla hasta que se corrija: %1</translation>
    </message>
    <message>
        <source>The content pack could not be opened; the built-in content is shown. Save a fix and it opens: %1</source>
        <translation>No se pudo abrir el paquete de contenido; se muestra el contenido integrado. Guarda una corrección y se abrirá: %1</translation>
    </message>
    <message>
        <source>Built-in content</source>
        <translation>Contenido integrado</translation>
    </message>
    <message>
        <source>Pack: %1</source>
        <translation>Paquete: %1</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (no encontrado)</translation>
    </message>
    <message>
        <source>No recent packs</source>
        <translation>No hay paquetes recientes</translation>
    </message>
    <message>
        <source>&amp;Clear list</source>
        <translation>&amp;Borrar la lista</translation>
    </message>
</context>
<context>
    <name>PresenterCommands</name>
    <message>
        <source>&amp;Presenter</source>
        <translation>Presenta&amp;dor</translation>
    </message>
    <message>
        <source>&amp;Presenter view</source>
        <translation>&amp;Vista del presentador</translation>
    </message>
    <message>
        <source>The current step, speaker notes, next step and a clock in a window of their own (on the other screen in lecture mode)</source>
        <translation>El paso actual, las notas del ponente, el paso siguiente y un reloj en una ventana propia (en la otra pantalla en el modo presentación)</translation>
    </message>
    <message>
        <source>Projector &amp;screen</source>
        <translation>&amp;Pantalla del proyector</translation>
    </message>
    <message>
        <source>The screen that shows lecture mode</source>
        <translation>La pantalla que muestra el modo presentación</translation>
    </message>
    <message>
        <source>S&amp;wap screens</source>
        <translation>&amp;Intercambiar las pantallas</translation>
    </message>
    <message>
        <source>Show lecture mode on the presenter view&apos;s screen, and the presenter view on the projector&apos;s</source>
        <translation>Muestra el modo presentación en la pantalla de la vista del presentador, y la vista del presentador en la del proyector</translation>
    </message>
    <message>
        <source>%1 (%2 × %3)</source>
        <translation>%1 (%2 × %3)</translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <source>Presenter view</source>
        <translation>Vista del presentador</translation>
    </message>
    <message>
        <source>Speaker notes</source>
        <translation>Notas del ponente</translation>
    </message>
    <message>
        <source>Live view of the 3D brain</source>
        <translation>Vista en directo del cerebro 3D</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Tour steps</source>
        <translation>Pasos del recorrido</translation>
    </message>
    <message>
        <source>Click a step, or choose one with the arrow keys and Enter, to go there</source>
        <translation>Haz clic en un paso, o elige uno con las flechas y Intro, para ir a él</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>PageDown, → or Space: next step   PageUp or ←: back   B: black screen   W: white screen   Esc: leave lecture mode</source>
        <translation>Av Pág, → o Espacio: paso siguiente   Re Pág o ←: atrás   B: pantalla negra   W: pantalla blanca   Esc: salir del modo presentación</translation>
    </message>
    <message>
        <source>No tour is running</source>
        <translation>No hay ningún recorrido en marcha</translation>
    </message>
    <message>
        <source>Start a tour (View ▸ Start tour, or F5 for lecture mode): its steps, captions and speaker notes show here.</source>
        <translation>Inicia un recorrido (Ver ▸ Iniciar el recorrido, o F5 para el modo presentación): sus pasos, rótulos y notas del ponente aparecen aquí.</translation>
    </message>
    <message>
        <source>Step %1 / %2</source>
        <translation>Paso %1 / %2</translation>
    </message>
    <message>
        <source>(No notes for this step.)</source>
        <translation>(Este paso no tiene notas.)</translation>
    </message>
    <message>
        <source>End of the tour</source>
        <translation>Fin del recorrido</translation>
    </message>
    <message>
        <source>The projector shows a black screen (B or the next key brings the brain back).</source>
        <translation>El proyector muestra una pantalla negra (B o la tecla de avance vuelven a mostrar el cerebro).</translation>
    </message>
    <message>
        <source>The projector shows a white screen (W or the next key brings the brain back).</source>
        <translation>El proyector muestra una pantalla blanca (W o la tecla de avance vuelven a mostrar el cerebro).</translation>
    </message>
    <message>
        <source>Lecture mode is on the projector.</source>
        <translation>El modo presentación está en el proyector.</translation>
    </message>
    <message>
        <source>The tour runs in the main window.</source>
        <translation>El recorrido se muestra en la ventana principal.</translation>
    </message>
</context>
<context>
    <name>QuizCommands</name>
    <message>
        <source>&amp;Quiz</source>
        <translation>&amp;Cuestionario</translation>
    </message>
    <message>
        <source>&amp;Quiz…</source>
        <translation>&amp;Hacer el cuestionario…</translation>
    </message>
    <message>
        <source>Test yourself: questions on the regions and the mechanism</source>
        <translation>Ponte a prueba: preguntas sobre las regiones y el mecanismo</translation>
    </message>
    <message>
        <source>Quiz the &amp;class (lecture mode)</source>
        <translation>Cuestionario para la &amp;clase (modo presentación)</translation>
    </message>
    <message>
        <source>A big question under the brain; the clicker (PageDown) reveals the answer, then the next question</source>
        <translation>Una pregunta grande bajo el cerebro; el mando (Av Pág) muestra la respuesta y luego la pregunta siguiente</translation>
    </message>
    <message>
        <source>The quiz cannot start:

%1</source>
        <translation>El cuestionario no puede empezar:

%1</translation>
    </message>
    <message>
        <source>Not offered: %1</source>
        <translation>No disponible: %1</translation>
    </message>
    <message>
        <source>Quiz file not used: %1</source>
        <translation>Archivo de cuestionario no usado: %1</translation>
    </message>
</context>
<context>
    <name>QuizPanel</name>
    <message>
        <source>&lt;b&gt;Quiz&lt;/b&gt;</source>
        <translation>&lt;b&gt;Cuestionario&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Close quiz</source>
        <translation>Cerrar el cuestionario</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>Cuestionario</translation>
    </message>
    <message>
        <source>&amp;Practice (try until right)</source>
        <translation>&amp;Práctica (intentar hasta acertar)</translation>
    </message>
    <message>
        <source>&amp;Test (one try each, scored)</source>
        <translation>&amp;Examen (un intento por pregunta, con nota)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Comenzar</translation>
    </message>
    <message>
        <source>Steps to put in order</source>
        <translation>Pasos que ordenar</translation>
    </message>
    <message>
        <source>&amp;Check order</source>
        <translation>Compro&amp;bar el orden</translation>
    </message>
    <message>
        <source>&amp;Next question</source>
        <translation>&amp;Siguiente pregunta</translation>
    </message>
    <message>
        <source>Missed questions</source>
        <translation>Preguntas falladas</translation>
    </message>
    <message>
        <source>&amp;Again</source>
        <translation>&amp;Otra vez</translation>
    </message>
    <message>
        <source>Question %1 of %2 · %3</source>
        <translation>Pregunta %1 de %2 · %3</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Examen</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>Práctica</translation>
    </message>
    <message>
        <source>Click an answer, or press its number.</source>
        <translation>Haz clic en una respuesta o pulsa su número.</translation>
    </message>
    <message>
        <source>Click the region in the 3D view (turn the brain as you like), or choose it in the region list (with the arrow keys, then Enter).</source>
        <translation>Haz clic en la región en la vista 3D (gira el cerebro como quieras) o elígela en la lista de regiones (con las flechas y luego Intro).</translation>
    </message>
    <message>
        <source>Drag the steps into order, or move the selected one with Alt+Up / Alt+Down; then Check.</source>
        <translation>Arrastra los pasos para ordenarlos o mueve el seleccionado con Alt+Arriba / Alt+Abajo; luego, Comprobar.</translation>
    </message>
    <message>
        <source>Right!</source>
        <translation>¡Correcto!</translation>
    </message>
    <message>
        <source>Not quite. Try again.</source>
        <translation>No exactamente. Inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>Not right.</source>
        <translation>No es correcto.</translation>
    </message>
    <message>
        <source>The answer:</source>
        <translation>La respuesta:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Fuente:</translation>
    </message>
    <message>
        <source>You got %1 of %2 right.</source>
        <translation>Has acertado %1 de %2.</translation>
    </message>
    <message>
        <source>No question missed. Well done!</source>
        <translation>No has fallado ninguna pregunta. ¡Muy bien!</translation>
    </message>
    <message>
        <source>Your answer:</source>
        <translation>Tu respuesta:</translation>
    </message>
    <message>
        <source>Right answer:</source>
        <translation>Respuesta correcta:</translation>
    </message>
    <message>
        <source>Review the missed questions:</source>
        <translation>Repasa las preguntas falladas:</translation>
    </message>
</context>
<context>
    <name>ReadingLevelSwitch</name>
    <message>
        <source>Intro</source>
        <translation>Básico</translation>
    </message>
    <message>
        <source>Shorter texts in everyday words (secondary school)</source>
        <translation>Textos más cortos con palabras de uso diario (secundaria)</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avanzado</translation>
    </message>
    <message>
        <source>The full texts, with mechanisms and evidence (university)</source>
        <translation>Los textos completos, con mecanismos y evidencias (universidad)</translation>
    </message>
    <message>
        <source>Reading level:</source>
        <translation>Nivel de lectura:</translation>
    </message>
</context>
<context>
    <name>RegionList</name>
    <message>
        <source>Brain regions</source>
        <translation>Regiones cerebrales</translation>
    </message>
    <message>
        <source>Select to read about this region; untick to hide it</source>
        <translation>Selecciónala para leer sobre esta región; desmárcala para ocultarla</translation>
    </message>
</context>
<context>
    <name>RegionPanel</name>
    <message>
        <source>Panel pages</source>
        <translation>Páginas del panel</translation>
    </message>
    <message>
        <source>About the region</source>
        <translation>Sobre la región</translation>
    </message>
    <message>
        <source>The mechanism step explained</source>
        <translation>El paso del mecanismo explicado</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Región</translation>
    </message>
    <message>
        <source>Mechanism</source>
        <translation>Mecanismo</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>Glosario</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>It was renamed to:
%1</source>
        <translation>Se ha renombrado como:
%1</translation>
    </message>
    <message>
        <source>It could not be renamed (%1): please delete it.</source>
        <translation>No se ha podido renombrar (%1): bórralo, por favor.</translation>
    </message>
    <message>
        <source>The settings file
%1
%2.

%3

The app starts with default settings.</source>
        <translation>El archivo de configuración
%1
%2.

%3

La aplicación se inicia con la configuración predeterminada.</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Side panel</source>
        <translation>Panel lateral</translation>
    </message>
</context>
<context>
    <name>SpeakerNotes</name>
    <message>
        <source>&lt;b&gt;Speaker notes&lt;/b&gt;</source>
        <translation>&lt;b&gt;Notas del ponente&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>TermPopup</name>
    <message>
        <source>Sources: %1</source>
        <translation>Fuentes: %1</translation>
    </message>
</context>
<context>
    <name>Themes</name>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Projector (high contrast)</source>
        <translation>Proyector (alto contraste)</translation>
    </message>
</context>
<context>
    <name>TourCommands</name>
    <message>
        <source>Tour not available</source>
        <translation>Recorrido no disponible</translation>
    </message>
    <message>
        <source>Open &amp;tour…</source>
        <translation>Abrir un &amp;recorrido…</translation>
    </message>
    <message>
        <source>Load a tour file (TOML) and start it</source>
        <translation>Cargar un archivo de recorrido (TOML) y empezarlo</translation>
    </message>
    <message>
        <source>Start &amp;tour</source>
        <translation>&amp;Iniciar el recorrido</translation>
    </message>
    <message>
        <source>Step through the tour in this window</source>
        <translation>Recorrer los pasos del recorrido en esta ventana</translation>
    </message>
    <message>
        <source>Next step	PageDown</source>
        <translation>Paso siguiente	Av Pág</translation>
    </message>
    <message>
        <source>Previous step	PageUp</source>
        <translation>Paso anterior	Re Pág</translation>
    </message>
    <message>
        <source>End tour	Esc</source>
        <translation>Terminar el recorrido	Esc</translation>
    </message>
    <message>
        <source>&amp;Lecture mode</source>
        <translation>Modo &amp;presentación</translation>
    </message>
    <message>
        <source>Full screen with large captions for a projector (F5 or Esc leaves)</source>
        <translation>Pantalla completa con rótulos grandes para un proyector (F5 o Esc para salir)</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>Pantalla &amp;completa</translation>
    </message>
    <message>
        <source>Region &amp;labels</source>
        <translation>&amp;Etiquetas de las regiones</translation>
    </message>
    <message>
        <source>Name the regions in the 3D view (L)</source>
        <translation>Mostrar el nombre de las regiones en la vista 3D (L)</translation>
    </message>
    <message>
        <source>Reduce &amp;motion</source>
        <translation>Reducir el &amp;movimiento</translation>
    </message>
    <message>
        <source>Jump between tour steps instead of moving the camera</source>
        <translation>Saltar entre los pasos del recorrido en lugar de mover la cámara</translation>
    </message>
    <message>
        <source>No tour</source>
        <translation>Ningún recorrido</translation>
    </message>
    <message>
        <source>No tour is available. Use File ▸ Open tour… to load one.</source>
        <translation>No hay ningún recorrido disponible. Usa Archivo ▸ Abrir un recorrido… para cargar uno.</translation>
    </message>
    <message>
        <source>Tour: PageDown, → or Space for the next step, PageUp or ← to go back, Esc to end</source>
        <translation>Recorrido: Av Pág, → o Espacio para el paso siguiente, Re Pág o ← para volver, Esc para terminar</translation>
    </message>
    <message>
        <source>Open tour</source>
        <translation>Abrir un recorrido</translation>
    </message>
    <message>
        <source>Tours (*.toml);;All files (*)</source>
        <translation>Recorridos (*.toml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Invalid tour</source>
        <translation>Recorrido no válido</translation>
    </message>
    <message>
        <source>The tour could not be opened:

%s

Everything else keeps working.</source>
        <translation>No se ha podido abrir el recorrido:

%s

Todo lo demás sigue funcionando.</translation>
    </message>
</context>
<context>
    <name>ViewToolbar</name>
    <message>
        <source>Left</source>
        <translation>Izq.</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Der.</translation>
    </message>
    <message>
        <source>Medial L</source>
        <translation>Medial I</translation>
    </message>
    <message>
        <source>Medial R</source>
        <translation>Medial D</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>Delante</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Detrás</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>Arriba</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>Abajo</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Inicio</translation>
    </message>
</context>
</TS>
