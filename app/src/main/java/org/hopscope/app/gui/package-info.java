/**
 * The JavaFX desktop app: {@link org.hopscope.app.gui.HopscopeApp} builds the window from a view model and restores settings. See app/docs/README.md for the map of this package tree.
 */
package org.hopscope.app.gui;
