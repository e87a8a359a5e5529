/**
 * JavaFX views: they bind to the view model and never call the engine (GuiArchitectureTest checks it). Canvases paint through pure painters so exports draw the same pictures.
 */
package org.hopscope.app.gui.view;
